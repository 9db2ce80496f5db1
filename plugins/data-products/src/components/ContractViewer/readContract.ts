import {
  display,
  flag,
  isRecord,
  JsonRecord,
  records,
  text,
  texts,
  words,
} from '../../lib/values';

/**
 * An ODCS document reduced to what the viewer shows. Built from a document
 * of any shape, so a contract that fails validation is still shown as far as
 * it can be; each element keeps its JSON pointer to place validation errors.
 */
export interface ContractView {
  id?: string;
  name?: string;
  version?: string;
  status?: string;
  apiVersion?: string;
  domain?: string;
  dataProduct?: string;
  tenant?: string;
  createdAt?: string;
  tags: string[];
  purpose?: string;
  usage?: string;
  limitations?: string;
  links: LinkView[];
  schema: SchemaObjectView[];
  quality: QualityRuleView[];
  sla: SlaView[];
  slaDefaultElement?: string;
  servers: ServerView[];
  roles: RoleView[];
  team?: TeamView;
  support: SupportView[];
  price?: string;
  customProperties: CustomPropertyView[];
}

export interface LinkView {
  type?: string;
  url: string;
  description?: string;
}

export interface SchemaObjectView {
  pointer: string;
  name: string;
  physicalName?: string;
  physicalType?: string;
  businessName?: string;
  description?: string;
  granularity?: string;
  tags: string[];
  columns: ColumnView[];
}

export interface ColumnView {
  pointer: string;
  /** 0 for a column of the object, 1 for a field of that column, … */
  depth: number;
  name: string;
  businessName?: string;
  logicalType?: string;
  physicalType?: string;
  description?: string;
  classification?: string;
  tags: string[];
  required: boolean;
  unique: boolean;
  primaryKey: boolean;
  primaryKeyPosition?: number;
  /** Tagged `pii`: personal data. */
  pii: boolean;
  /** Classified confidential or restricted. */
  sensitive: boolean;
}

export interface QualityRuleView {
  pointer: string;
  /** `orders` for a rule on an object, `orders.amount` for one on a column. */
  appliesTo: string;
  name?: string;
  description?: string;
  dimension?: string;
  type?: string;
  /** What is measured: the metric, the SQL query or the engine. */
  check?: string;
  /** Code the check runs (SQL, or a custom engine's implementation). */
  code?: string;
  threshold?: string;
  severity?: string;
  businessImpact?: string;
  schedule?: string;
}

export interface SlaView {
  pointer: string;
  property: string;
  value?: string;
  unit?: string;
  element?: string;
  driver?: string;
  description?: string;
}

export interface ServerView {
  pointer: string;
  server: string;
  type?: string;
  environment?: string;
  description?: string;
  connection: Array<{ label: string; value: string }>;
}

export interface RoleView {
  role: string;
  description?: string;
  access?: string;
  firstLevelApprovers?: string;
  secondLevelApprovers?: string;
}

export interface TeamView {
  name?: string;
  description?: string;
  members: TeamMemberView[];
}

export interface TeamMemberView {
  username: string;
  name?: string;
  role?: string;
  description?: string;
  dateIn?: string;
  dateOut?: string;
  replacedBy?: string;
}

export interface SupportView {
  channel: string;
  tool?: string;
  scope?: string;
  url?: string;
  invitationUrl?: string;
  description?: string;
}

export interface CustomPropertyView {
  where: string;
  property: string;
  value?: string;
  description?: string;
}

const SENSITIVE_CLASSIFICATIONS = ['confidential', 'restricted'];

/** Connection fields of a server, in the order people look for them. */
const SERVER_CONNECTION_FIELDS: Array<[string, string]> = [
  ['host', 'Host'],
  ['port', 'Port'],
  ['endpointUrl', 'Endpoint'],
  ['account', 'Account'],
  ['project', 'Project'],
  ['region', 'Region'],
  ['regionName', 'Region'],
  ['catalog', 'Catalog'],
  ['database', 'Database'],
  ['dataset', 'Dataset'],
  ['schema', 'Schema'],
  ['warehouse', 'Warehouse'],
  ['serviceName', 'Service name'],
  ['location', 'Location'],
  ['path', 'Path'],
  ['stream', 'Stream'],
  ['format', 'Format'],
  ['delimiter', 'Delimiter'],
  ['stagingDir', 'Staging directory'],
];

const SERVER_DESCRIBED_FIELDS = new Set([
  'id',
  'server',
  'type',
  'environment',
  'description',
  'roles',
  'customProperties',
]);

const OPERATORS: Array<[string, string]> = [
  ['mustBe', 'must be'],
  ['mustNotBe', 'must not be'],
  ['mustBeGreaterThan', 'must be greater than'],
  ['mustBeGreaterOrEqualTo', 'must be at least'],
  ['mustBeGreaterThanOrEqualTo', 'must be at least'],
  ['mustBeLessThan', 'must be less than'],
  ['mustBeLessOrEqualTo', 'must be at most'],
  ['mustBeLessThanOrEqualTo', 'must be at most'],
  ['mustBeBetween', 'must be between'],
  ['mustNotBeBetween', 'must not be between'],
];

function links(value: unknown): LinkView[] {
  return records(value).flatMap(definition => {
    const url = text(definition.url);
    return url
      ? [
          {
            url,
            type: text(definition.type),
            description: text(definition.description),
          },
        ]
      : [];
  });
}

function threshold(rule: JsonRecord): string | undefined {
  const unit = text(rule.unit);
  for (const [key, phrase] of OPERATORS) {
    if (!(key in rule)) {
      continue;
    }
    const value = rule[key];
    let shown: string | undefined;
    if (key.endsWith('Between') && Array.isArray(value) && value.length === 2) {
      shown = `${display(value[0]) ?? '?'} and ${display(value[1]) ?? '?'}`;
    } else {
      shown = display(value) ?? (value === null ? 'null' : undefined);
    }
    if (shown !== undefined) {
      return `${phrase} ${shown}${unit ? ` ${unit}` : ''}`;
    }
  }
  return undefined;
}

function qualityCheck(
  rule: JsonRecord,
): Pick<QualityRuleView, 'check' | 'code'> {
  const metric = text(rule.metric) ?? text(rule.rule);
  const args = display(rule.arguments);
  if (metric) {
    return { check: `${words(metric)}${args ? ` (${args})` : ''}` };
  }
  const query = text(rule.query);
  if (query) {
    return { check: 'SQL query', code: query };
  }
  const engine = text(rule.engine);
  const implementation =
    typeof rule.implementation === 'string'
      ? rule.implementation
      : display(rule.implementation);
  if (engine || implementation) {
    return {
      check: engine ? `${engine} check` : 'Custom check',
      code: implementation,
    };
  }
  return {};
}

function qualityRules(
  value: unknown,
  pointer: string,
  appliesTo: string,
): QualityRuleView[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.flatMap((rule, index) => {
    if (!isRecord(rule)) {
      return [];
    }
    const schedule = text(rule.schedule);
    const scheduler = text(rule.scheduler);
    return [
      {
        pointer: `${pointer}/${index}`,
        appliesTo,
        name: text(rule.name),
        description: text(rule.description),
        dimension: text(rule.dimension),
        type: text(rule.type),
        ...qualityCheck(rule),
        threshold: threshold(rule),
        severity: text(rule.severity),
        businessImpact: text(rule.businessImpact),
        schedule:
          schedule && scheduler ? `${schedule} (${scheduler})` : schedule,
      },
    ];
  });
}

interface Collected {
  columns: ColumnView[];
  quality: QualityRuleView[];
}

function collectProperties(
  value: unknown,
  pointer: string,
  depth: number,
  path: string,
  into: Collected,
) {
  if (!Array.isArray(value)) {
    return;
  }
  value.forEach((property, index) => {
    if (!isRecord(property)) {
      return;
    }
    const here = `${pointer}/${index}`;
    const name = text(property.name) ?? `(column ${index + 1})`;
    collectProperty(property, here, depth, name, `${path}.${name}`, into);
  });
}

function collectProperty(
  property: JsonRecord,
  pointer: string,
  depth: number,
  name: string,
  path: string,
  into: Collected,
) {
  const tags = texts(property.tags);
  const classification = text(property.classification);
  let logicalType = text(property.logicalType);
  const items = isRecord(property.items) ? property.items : undefined;
  const itemType = items ? text(items.logicalType) : undefined;
  if (logicalType === 'array' && itemType) {
    logicalType = `array of ${itemType}`;
  }
  const position = property.primaryKeyPosition;
  into.columns.push({
    pointer,
    depth,
    name,
    businessName: text(property.businessName),
    logicalType,
    physicalType: text(property.physicalType),
    description: text(property.description),
    classification,
    tags,
    required: flag(property.required),
    unique: flag(property.unique),
    primaryKey: flag(property.primaryKey),
    primaryKeyPosition:
      typeof position === 'number' && position > 0 ? position : undefined,
    pii: tags.some(tag => tag.toLocaleLowerCase('en') === 'pii'),
    sensitive:
      classification !== undefined &&
      SENSITIVE_CLASSIFICATIONS.includes(
        classification.toLocaleLowerCase('en'),
      ),
  });
  into.quality.push(
    ...qualityRules(property.quality, `${pointer}/quality`, path),
  );
  collectProperties(
    property.properties,
    `${pointer}/properties`,
    depth + 1,
    path,
    into,
  );
  if (items) {
    // The element of a list of records: show its fields under the list.
    collectProperties(
      items.properties,
      `${pointer}/items/properties`,
      depth + 1,
      `${path}[]`,
      into,
    );
    into.quality.push(
      ...qualityRules(items.quality, `${pointer}/items/quality`, `${path}[]`),
    );
  }
}

function schemaObjects(value: unknown): {
  objects: SchemaObjectView[];
  quality: QualityRuleView[];
} {
  const objects: SchemaObjectView[] = [];
  const quality: QualityRuleView[] = [];
  if (!Array.isArray(value)) {
    return { objects, quality };
  }
  value.forEach((object, index) => {
    if (!isRecord(object)) {
      return;
    }
    const pointer = `/schema/${index}`;
    const name = text(object.name) ?? `(object ${index + 1})`;
    const collected: Collected = { columns: [], quality: [] };
    collectProperties(
      object.properties,
      `${pointer}/properties`,
      0,
      name,
      collected,
    );
    objects.push({
      pointer,
      name,
      physicalName: text(object.physicalName),
      physicalType: text(object.physicalType),
      businessName: text(object.businessName),
      description: text(object.description),
      granularity: text(object.dataGranularityDescription),
      tags: texts(object.tags),
      columns: collected.columns,
    });
    quality.push(
      ...qualityRules(object.quality, `${pointer}/quality`, name),
      ...collected.quality,
    );
  });
  return { objects, quality };
}

function slaProperties(value: unknown): SlaView[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.flatMap((sla, index) => {
    if (!isRecord(sla)) {
      return [];
    }
    const shown = display(sla.value);
    const ext = display(sla.valueExt);
    return [
      {
        pointer: `/slaProperties/${index}`,
        property: text(sla.property) ?? '(unnamed)',
        value:
          ext !== undefined && ext !== shown
            ? `${shown ?? '—'} – ${ext}`
            : shown,
        unit: text(sla.unit),
        element: text(sla.element),
        driver: text(sla.driver),
        description: text(sla.description),
      },
    ];
  });
}

function servers(value: unknown): ServerView[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.flatMap((server, index) => {
    if (!isRecord(server)) {
      return [];
    }
    const known = SERVER_CONNECTION_FIELDS.flatMap(([key, label]) => {
      const shown = display(server[key]);
      return shown === undefined ? [] : [{ label, value: shown }];
    });
    const listed = new Set(SERVER_CONNECTION_FIELDS.map(([key]) => key));
    // Types outside the standard list carry their own fields; show them too.
    const other = Object.entries(server).flatMap(([key, v]) => {
      if (listed.has(key) || SERVER_DESCRIBED_FIELDS.has(key)) {
        return [];
      }
      const shown = display(v);
      return shown === undefined ? [] : [{ label: key, value: shown }];
    });
    return [
      {
        pointer: `/servers/${index}`,
        server: text(server.server) ?? `(server ${index + 1})`,
        type: text(server.type),
        environment: text(server.environment),
        description: text(server.description),
        connection: [...known, ...other],
      },
    ];
  });
}

function roles(value: unknown): RoleView[] {
  return records(value).map((role, index) => ({
    role: text(role.role) ?? `(role ${index + 1})`,
    description: text(role.description),
    access: text(role.access),
    firstLevelApprovers: display(role.firstLevelApprovers),
    secondLevelApprovers: display(role.secondLevelApprovers),
  }));
}

function members(value: unknown): TeamMemberView[] {
  return records(value).map((member, index) => ({
    username:
      text(member.username) ?? text(member.name) ?? `(member ${index + 1})`,
    name: text(member.name),
    role: text(member.role),
    description: text(member.description),
    dateIn: text(member.dateIn),
    dateOut: text(member.dateOut),
    replacedBy: text(member.replacedByUsername),
  }));
}

function team(value: unknown): TeamView | undefined {
  if (Array.isArray(value)) {
    // The v3.0.x form: a bare list of members.
    const list = members(value);
    return list.length ? { members: list } : undefined;
  }
  if (!isRecord(value)) {
    return undefined;
  }
  const view = {
    name: text(value.name),
    description: text(value.description),
    members: members(value.members),
  };
  return view.name || view.description || view.members.length
    ? view
    : undefined;
}

function support(value: unknown): SupportView[] {
  return records(value).map((item, index) => ({
    channel: text(item.channel) ?? `(channel ${index + 1})`,
    tool: text(item.tool),
    scope: text(item.scope),
    url: text(item.url),
    invitationUrl: text(item.invitationUrl),
    description: text(item.description),
  }));
}

function price(value: unknown): string | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const amount = text(value.priceAmount);
  if (amount === undefined) {
    return undefined;
  }
  const currency = text(value.priceCurrency);
  const unit = text(value.priceUnit);
  return `${amount}${currency ? ` ${currency}` : ''}${
    unit ? ` per ${unit}` : ''
  }`;
}

function customProperties(value: unknown, where: string): CustomPropertyView[] {
  return records(value).flatMap(item => {
    const property = text(item.property);
    return property
      ? [
          {
            where,
            property,
            value: display(item.value),
            description: text(item.description),
          },
        ]
      : [];
  });
}

/** Reads an ODCS document of any shape into what the viewer shows. */
export function readContract(document: unknown): ContractView {
  const doc = isRecord(document) ? document : {};
  const description = isRecord(doc.description) ? doc.description : {};
  // v3.0.x allowed a plain string description.
  const plainDescription = text(doc.description);
  const schema = schemaObjects(doc.schema);
  return {
    id: text(doc.id),
    name: text(doc.name),
    version: text(doc.version),
    status: text(doc.status),
    apiVersion: text(doc.apiVersion),
    domain: text(doc.domain),
    dataProduct: text(doc.dataProduct),
    tenant: text(doc.tenant),
    createdAt: text(doc.contractCreatedTs),
    tags: texts(doc.tags),
    purpose: text(description.purpose) ?? plainDescription,
    usage: text(description.usage),
    limitations: text(description.limitations),
    links: [
      ...links(doc.authoritativeDefinitions),
      ...links(description.authoritativeDefinitions),
    ],
    schema: schema.objects,
    quality: schema.quality,
    sla: slaProperties(doc.slaProperties),
    slaDefaultElement: text(doc.slaDefaultElement),
    servers: servers(doc.servers),
    roles: roles(doc.roles),
    team: team(doc.team),
    support: support(doc.support),
    price: price(doc.price),
    customProperties: [
      ...customProperties(doc.customProperties, 'Contract'),
      ...customProperties(description.customProperties, 'Description'),
    ],
  };
}
