import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';

export const INITIATOR = mockCredentials.user('user:default/fatima.osei');

export interface ContextOptions {
  isDryRun?: boolean;
  workspacePath?: string;
  initiator?: BackstageCredentials;
  /**
   * `ctx.user`, the task's author as the task engine gives it; by default
   * the initiator's entity ref. `null` for a task without one.
   */
  user?: { ref?: string } | null;
  /**
   * Checkpoint values of an earlier run of the same task; pass the store of
   * a previous context to act as a resumed task.
   */
  checkpoints?: Map<string, unknown>;
  taskId?: string;
}

/**
 * An action context with what createMockActionContext leaves out: dry run,
 * and checkpoints that are recorded and, like the task engine's, replayed
 * on a resumed task.
 */
export function actionContext<TInput>(
  input: TInput,
  options: ContextOptions = {},
) {
  const logger = mockServices.logger.mock();
  const store = options.checkpoints ?? new Map<string, unknown>();
  const checkpointKeys: string[] = [];
  const base = createMockActionContext({
    input: input as any,
    workspacePath:
      options.workspacePath ?? createMockDirectory().resolve('workspace'),
    logger,
  });
  const initiator = options.initiator ?? INITIATOR;
  const principal = initiator.principal as { userEntityRef?: string };
  const user =
    options.user === undefined
      ? { ref: principal.userEntityRef }
      : options.user ?? undefined;
  const ctx = {
    ...base,
    user,
    isDryRun: options.isDryRun,
    task: { id: options.taskId ?? 'task-7' },
    getInitiatorCredentials: async () => initiator,
    async checkpoint<T>(opts: { key: string; fn: () => Promise<T> | T }) {
      checkpointKeys.push(opts.key);
      if (store.has(opts.key)) return store.get(opts.key) as T;
      const value = await opts.fn();
      // Stored as JSON, as the task engine does.
      store.set(opts.key, JSON.parse(JSON.stringify(value ?? null)));
      return value;
    },
  };
  const outputs = () =>
    Object.fromEntries((ctx.output as jest.Mock).mock.calls) as Record<
      string,
      any
    >;
  const logged = () =>
    (logger.info as jest.Mock).mock.calls.map(c => String(c[0])).join('\n');
  return { ctx, logger, outputs, logged, checkpointKeys, checkpoints: store };
}

/** Runs a handler and returns what it threw (or undefined). */
export async function failureOf(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the action to fail, but it succeeded');
}

/**
 * Fills in `${{ parameters.x }}` and `${{ steps.s.output.y }}` the way the
 * scaffolder does for these plain expressions: a sole expression keeps the
 * value, one inside other text becomes text.
 */
export function render(
  value: unknown,
  context: Record<string, unknown>,
): unknown {
  const expression = /\$\{\{\s*([\w.]+)\s*\}\}/g;
  const lookup = (path: string) =>
    path
      .split('.')
      .reduce<any>(
        (at, part) => (at === undefined ? undefined : at[part]),
        context,
      );
  if (typeof value === 'string') {
    const sole = value.match(/^\$\{\{\s*([\w.]+)\s*\}\}$/);
    return sole
      ? lookup(sole[1])
      : value.replace(expression, (_, path) => String(lookup(path)));
  }
  if (Array.isArray(value)) return value.map(v => render(v, context));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, render(v, context)]),
    );
  }
  return value;
}

/** The steps of an example that use the given action. */
export function exampleSteps(
  example: { example: string },
  actionId: string,
): Array<{
  id: string;
  action: string;
  input: Record<string, unknown>;
  if?: string;
}> {
  const { steps } = yaml.parse(example.example) as {
    steps: Array<{
      id: string;
      action: string;
      input: Record<string, unknown>;
    }>;
  };
  return steps.filter(s => s.action === actionId);
}
