import {
  ComponentResult,
  EntityHealthDetailResponse,
  EntityHealthSummary,
  HealthState,
  ModelResult,
  SignalResult,
} from '@dataplatform/plugin-health-common';

/** A domain or data product: its own model's components, and for a domain its products. */
export interface ModelNode {
  type: 'model';
  id: string;
  summary: EntityHealthSummary;
  state: HealthState;
  /** The entity whose tab this is, rather than one of its data products. */
  root: boolean;
  children: Array<ModelNode | ComponentNode>;
  /** Has a model that was evaluated (or failed to be read). */
  evaluated: boolean;
}

export interface ComponentNode {
  type: 'component';
  id: string;
  modelRef: string;
  component: ComponentResult;
  state: HealthState;
  children: SignalNode[];
}

export interface SignalNode {
  type: 'signal';
  id: string;
  modelRef: string;
  componentTitle: string;
  signal: SignalResult;
  state: HealthState;
}

export type TreeNode = ModelNode | ComponentNode | SignalNode;

function componentNodes(result: ModelResult | undefined): ComponentNode[] {
  if (!result) return [];
  return result.components.map(component => ({
    type: 'component',
    id: `${result.entityRef}#${component.id}`,
    modelRef: result.entityRef,
    component,
    state: component.state,
    children: component.signals.map(signal => ({
      type: 'signal',
      id: `${result.entityRef}#${signal.key}`,
      modelRef: result.entityRef,
      componentTitle: component.title,
      signal,
      state: signal.state,
    })),
  }));
}

/**
 * The entity's model as a tree: the entity, its own components, then (for a
 * domain) each data product with its components; signals as leaves. The
 * backend's order is kept: it is the order of the model files.
 */
export function buildTree(detail: EntityHealthDetailResponse): ModelNode {
  return {
    type: 'model',
    id: detail.summary.entityRef,
    summary: detail.summary,
    state: detail.summary.state,
    root: true,
    evaluated: !!detail.result || !!detail.summary.modelError,
    children: [
      ...componentNodes(detail.result),
      ...detail.children.map(
        (child): ModelNode => ({
          type: 'model',
          id: child.summary.entityRef,
          summary: child.summary,
          state: child.summary.state,
          root: false,
          evaluated: !!child.result || !!child.summary.modelError,
          children: componentNodes(child.result),
        }),
      ),
    ],
  };
}

/** Every node with children, depth first. */
export function branchIds(node: TreeNode): string[] {
  if (node.type === 'signal') return [];
  return [node.id, ...node.children.flatMap(branchIds)];
}

/** Every signal, to find the selected one after a refresh. */
export function signalNodes(node: TreeNode): SignalNode[] {
  if (node.type === 'signal') return [node];
  return node.children.flatMap(signalNodes);
}
