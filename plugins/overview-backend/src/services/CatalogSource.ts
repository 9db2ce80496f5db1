import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_HAS_MEMBER,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DATA_CONTRACT_API_TYPE,
  DATA_PRODUCT_KIND,
} from '@dataplatform/plugin-data-products-common';
import { SANDBOX_RESOURCE_TYPE } from '@dataplatform/plugin-provisioning-common';
import { redactSecrets } from './redact';
import { SourceAnswer } from './sources';

/*
 * Only the fields the rows and Domain pages use: a catalog with many data
 * products and people stays a small answer every poll.
 */
const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'metadata.labels',
  'metadata.links',
  'spec.owner',
  'spec.type',
  'spec.domain',
  'spec.layer',
  'spec.lifecycle',
  'spec.outputPorts',
  'spec.profile',
  'relations',
];
const USER_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.profile',
];

function ownerRef(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || owner.trim() === '') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner.trim(), {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    ).toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * The catalog's Domains, DataProducts, ODCS contracts, innovation sandboxes
 * and Groups, and the Users of the groups that own a Domain, read with the
 * plugin's own credentials. Keeps the last good read.
 */
export class CatalogSource {
  private answer: SourceAnswer<Entity[]> = {};
  /** Which entities, at which etag, the last read returned. */
  private key?: string;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /** How long a read may take; the catalog client has no timeout of its own. */
      timeoutMs: number;
      now?: () => Date;
    },
  ) {}

  get state(): SourceAnswer<Entity[]> {
    return this.answer;
  }

  /** Reads the catalog once; a failure is recorded in `state`, never thrown. */
  async poll(signal?: AbortSignal): Promise<void> {
    const now = this.options.now ?? (() => new Date());
    try {
      const read = await this.withDeadline(this.read(), signal);
      if (this.answer.error) {
        this.options.logger.info('Overview: the catalog answers again');
      }
      // The same entities keep the same array, so the overview does not
      // assemble its rows again; an entity's etag changes with any change.
      const key = read
        .map(e => `${e.metadata.uid ?? e.metadata.name}@${e.metadata.etag}`)
        .join('|');
      const entities =
        key === this.key && this.answer.body && read.every(e => e.metadata.etag)
          ? this.answer.body
          : read;
      this.key = key;
      this.answer = { body: entities, asOf: now().toISOString() };
    } catch (error) {
      const reason = redactSecrets(
        `the catalog could not be read: ${stringifyError(error)}`,
      );
      if (reason !== this.answer.error) {
        this.options.logger.warn(`Overview: ${reason}`);
      }
      this.answer = {
        ...(this.answer.body
          ? { body: this.answer.body, asOf: this.answer.asOf }
          : {}),
        error: reason,
        failedAt: now().toISOString(),
      };
    }
  }

  /**
   * The read, or an error once the timeout passes or the poll is stopped.
   * The read itself goes on (the client cannot be stopped); its answer is
   * dropped.
   */
  private withDeadline<T>(read: Promise<T>, signal?: AbortSignal): Promise<T> {
    const { timeoutMs } = this.options;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () =>
        reject(new Error('the poll was stopped before the catalog answered'));
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `the catalog did not answer within ${Math.round(
                timeoutMs / 1000,
              )} s`,
            ),
          ),
        timeoutMs,
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      read.then(resolve, reject).finally(() => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      });
    });
  }

  private async read(): Promise<Entity[]> {
    const { catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntities(
      {
        filter: [
          { kind: 'Domain' },
          { kind: DATA_PRODUCT_KIND },
          { kind: 'API', 'spec.type': DATA_CONTRACT_API_TYPE },
          { kind: 'Resource', 'spec.type': SANDBOX_RESOURCE_TYPE },
          { kind: 'Group' },
        ],
        fields: FIELDS,
      },
      { credentials },
    );
    const owners = new Set(
      items
        .filter(e => e.kind.toLowerCase() === 'domain')
        .flatMap(e => ownerRef(e) ?? []),
    );
    const memberRefs = [
      ...new Set(
        items
          .filter(
            e =>
              e.kind.toLowerCase() === 'group' &&
              owners.has(stringifyEntityRef(e).toLowerCase()),
          )
          .flatMap(group =>
            (group.relations ?? [])
              .filter(r => r.type === RELATION_HAS_MEMBER)
              .map(r => r.targetRef.toLowerCase()),
          ),
      ),
    ].sort();
    if (memberRefs.length === 0) return items;
    const users = await catalog.getEntitiesByRefs(
      { entityRefs: memberRefs, fields: USER_FIELDS },
      { credentials },
    );
    return [
      ...items,
      ...users.items.filter((u): u is Entity => u !== undefined),
    ];
  }
}
