import { ArmError } from '../arm/errors';
import { canonicalRegion } from '../arm/regions';
import { key, TenantContext } from './context';

export interface ResourceGroup {
  subscriptionId: string;
  name: string;
  location: string;
  tags: Record<string, string>;
  createdTime: string;
}

// Letters and digits of any script, as Resource Manager allows, plus _ - . ( ).
const RESOURCE_GROUP_NAME = /^[\p{L}\p{N}_\-.()]{1,90}$/u;

export function resourceGroupNameProblem(name: string): string | undefined {
  if (!RESOURCE_GROUP_NAME.test(name)) {
    return `The provided resource group name '${name}' is invalid. The name can only be 1-90 letters, digits, '-', '.', '(', ')' or '_'.`;
  }
  if (name.endsWith('.')) {
    return `The provided resource group name '${name}' ends with '.', which is not allowed.`;
  }
  return undefined;
}

/** Microsoft.Resources/resourceGroups of every subscription. */
export class ResourceGroups {
  private readonly groups = new Map<string, ResourceGroup>();

  constructor(private readonly context: TenantContext) {}

  clear(): void {
    this.groups.clear();
  }

  list(subscriptionId: string): ResourceGroup[] {
    const { subscriptionId: id } = this.context.getSubscription(subscriptionId);
    return [...this.groups.values()].filter(g => g.subscriptionId === id);
  }

  find(subscriptionId: string, name: string): ResourceGroup | undefined {
    const { subscriptionId: id } = this.context.getSubscription(subscriptionId);
    return this.groups.get(key(id, name));
  }

  get(subscriptionId: string, name: string): ResourceGroup {
    const group = this.find(subscriptionId, name);
    if (!group) {
      throw new ArmError(
        404,
        'ResourceGroupNotFound',
        `Resource group '${name}' could not be found.`,
      );
    }
    return group;
  }

  /** PUT: creates, or replaces the tags of an existing group (its location is fixed). */
  createOrUpdate(
    subscriptionId: string,
    name: string,
    request: { location: string; tags?: Record<string, string> },
  ): { group: ResourceGroup; created: boolean } {
    const { subscriptionId: id } =
      this.context.writableSubscription(subscriptionId);
    const problem = resourceGroupNameProblem(name);
    if (problem) throw new ArmError(400, 'InvalidResourceGroup', problem);
    const location = canonicalRegion(request.location);
    if (!location) {
      throw new ArmError(
        400,
        'LocationNotAvailableForResourceGroup',
        `The provided location '${request.location}' is not available for resource group. Use an Azure region name such as 'westeurope'.`,
      );
    }
    const existing = this.groups.get(key(id, name));
    if (existing) {
      if (existing.location !== location) {
        throw new ArmError(
          409,
          'InvalidResourceGroupLocation',
          `Invalid resource group location '${location}'. The Resource group already exists in location '${existing.location}'.`,
        );
      }
      existing.tags = { ...(request.tags ?? {}) };
      return { group: existing, created: false };
    }
    const group: ResourceGroup = {
      subscriptionId: id,
      name,
      location,
      tags: { ...(request.tags ?? {}) },
      createdTime: new Date(this.context.now()).toISOString(),
    };
    this.groups.set(key(id, name), group);
    return { group, created: true };
  }

  /** Removes the group itself; the tenant removes what it contained. */
  delete(subscriptionId: string, name: string): ResourceGroup {
    this.context.writableSubscription(subscriptionId);
    const group = this.get(subscriptionId, name);
    this.groups.delete(key(group.subscriptionId, group.name));
    return group;
  }
}
