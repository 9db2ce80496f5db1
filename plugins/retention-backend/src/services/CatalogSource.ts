import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { parseContractText } from '@dataplatform/plugin-data-contracts-common';
import {
  DATA_CONTRACT_API_TYPE,
  DATA_PRODUCT_KIND,
} from '@dataplatform/plugin-data-products-common';
import {
  DR_STRATEGY_ANNOTATION,
  RPO_ANNOTATION,
  RTO_ANNOTATION,
} from '@dataplatform/plugin-retention-common';
import { isSubscriptionId } from './armIds';

export const SUBSCRIPTION_ANNOTATION =
  'dataplatform.contoso.com/azure-subscription-id';

type Declared = Partial<Record<'rpo' | 'rto' | 'strategy', string>>;

/** A Domain with a subscription annotation: what its evaluation needs. */
export interface DomainEntry {
  entityRef: string;
  name: string;
  title?: string;
  /** The subscription to scan; absent when the annotation is not a subscription id. */
  subscriptionId?: string;
  /** Why the subscription cannot be scanned, for every check of the domain. */
  subscriptionProblem?: { value: string; reason: string };
  recovery: { declared: Declared; source: string };
}

/** A DataProduct: its domain, retention class and output contracts. */
export interface DataProductEntry {
  entityRef: string;
  title?: string;
  domainRef: string;
  retentionClass?: string;
  contracts: { ref: string; slaProperties?: unknown; servers?: unknown }[];
  recovery: { declared: Declared; source: string; domainStrategy?: string };
}

export interface CatalogSnapshot {
  domains: DomainEntry[];
  products: DataProductEntry[];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

function declared(values: Declared): Declared {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined),
  ) as Declared;
}

function recoverySource(entityRef: string, values: Declared): string {
  return Object.keys(values).length > 0
    ? `declared on ${entityRef}`
    : 'platform default';
}

function refOf(
  value: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  const ref = text(value);
  if (!ref) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace }),
    ).toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Reads the catalog's domains, data products and ODCS contracts and turns
 * them into what the evaluation needs. Catalog data problems (a contract
 * that is missing or cannot be parsed) are logged once per distinct
 * problem, not every scan.
 */
export class CatalogSource {
  private readonly warned = new Set<string>();

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  async read(): Promise<CatalogSnapshot> {
    const { catalog, auth } = this.options;
    const { items } = await catalog.getEntities(
      {
        filter: [
          { kind: 'Domain' },
          { kind: DATA_PRODUCT_KIND },
          { kind: 'API', 'spec.type': DATA_CONTRACT_API_TYPE },
        ],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return this.snapshotOf(items);
  }

  snapshotOf(entities: Entity[]): CatalogSnapshot {
    const byKind = (kind: string) =>
      entities.filter(e => e.kind.toLowerCase() === kind.toLowerCase());
    const domainEntities = byKind('Domain');
    const contracts = new Map(
      byKind('API')
        .filter(e => e.spec?.type === DATA_CONTRACT_API_TYPE)
        .map(e => [stringifyEntityRef(e).toLowerCase(), e]),
    );
    const strategies = new Map(
      domainEntities.map(e => [
        stringifyEntityRef(e).toLowerCase(),
        text(e.metadata.annotations?.[DR_STRATEGY_ANNOTATION]),
      ]),
    );
    const domains = domainEntities
      .filter(
        e => e.metadata.annotations?.[SUBSCRIPTION_ANNOTATION] !== undefined,
      )
      .map(e => this.domainOf(e));
    const products = byKind(DATA_PRODUCT_KIND).flatMap(e => {
      const product = this.productOf(e, contracts, strategies);
      return product ? [product] : [];
    });
    return { domains, products };
  }

  private domainOf(entity: Entity): DomainEntry {
    const entityRef = stringifyEntityRef(entity).toLowerCase();
    const annotations = entity.metadata.annotations ?? {};
    const subscription = text(annotations[SUBSCRIPTION_ANNOTATION]);
    const values = declared({
      rpo: text(annotations[RPO_ANNOTATION]),
      rto: text(annotations[RTO_ANNOTATION]),
      strategy: text(annotations[DR_STRATEGY_ANNOTATION]),
    });
    return {
      entityRef,
      name: entity.metadata.name,
      ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
      ...(subscription && isSubscriptionId(subscription)
        ? { subscriptionId: subscription.toLowerCase() }
        : {
            subscriptionProblem: {
              value: subscription ?? '',
              reason: `${SUBSCRIPTION_ANNOTATION} is not a subscription id (a GUID such as 45d320d6-9d7e-43c0-9d51-7ced0a5451d2)`,
            },
          }),
      recovery: { declared: values, source: recoverySource(entityRef, values) },
    };
  }

  private productOf(
    entity: Entity,
    contracts: Map<string, Entity>,
    strategies: Map<string, string | undefined>,
  ): DataProductEntry | undefined {
    const entityRef = stringifyEntityRef(entity).toLowerCase();
    const namespace = entity.metadata.namespace ?? 'default';
    const spec = (entity.spec ?? {}) as Record<string, any>;
    const domainRef = refOf(spec.domain, 'domain', namespace);
    if (!domainRef) {
      this.warnOnce(
        `Retention: ${entityRef} has no valid spec.domain, so it is not evaluated`,
      );
      return undefined;
    }
    const ports: unknown[] = Array.isArray(spec.outputPorts)
      ? spec.outputPorts
      : [];
    const refs = [
      ...new Set(
        ports.flatMap(port => {
          const ref = refOf(
            (port as { contract?: unknown } | null)?.contract,
            'api',
            namespace,
          );
          return ref ? [ref] : [];
        }),
      ),
    ];
    const sla = (spec.sla ?? {}) as Record<string, unknown>;
    const values = declared({
      rpo: text(sla.rpo),
      rto: text(sla.rto),
      strategy: text(entity.metadata.annotations?.[DR_STRATEGY_ANNOTATION]),
    });
    const domainStrategy = strategies.get(domainRef);
    return {
      entityRef,
      ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
      domainRef,
      ...(text(spec.retentionClass)
        ? { retentionClass: text(spec.retentionClass) }
        : {}),
      contracts: refs.map(ref => this.contractOf(entityRef, ref, contracts)),
      recovery: {
        declared: values,
        source: recoverySource(entityRef, values),
        ...(domainStrategy ? { domainStrategy } : {}),
      },
    };
  }

  private contractOf(
    productRef: string,
    ref: string,
    contracts: Map<string, Entity>,
  ): DataProductEntry['contracts'][number] {
    const contract = contracts.get(ref);
    if (!contract) {
      this.warnOnce(
        `Retention: ${productRef} names the contract ${ref}, which is not an ODCS API entity in the catalog; its retention is not checked`,
      );
      return { ref };
    }
    const definition = contract.spec?.definition;
    const parsed =
      typeof definition === 'string'
        ? parseContractText(definition)
        : { errors: [{ path: '/', message: 'spec.definition is not text' }] };
    const document = parsed.document as Record<string, unknown> | undefined;
    if (parsed.errors.length > 0 || !document || typeof document !== 'object') {
      this.warnOnce(
        `Retention: the contract ${ref} of ${productRef} cannot be read (${
          parsed.errors[0]?.message ?? 'not a mapping'
        }); its retention is not checked`,
      );
      return { ref };
    }
    return {
      ref,
      ...(document.slaProperties !== undefined
        ? { slaProperties: document.slaProperties }
        : {}),
      ...(document.servers !== undefined ? { servers: document.servers } : {}),
    };
  }

  private warnOnce(message: string) {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.options.logger.warn(message);
  }
}
