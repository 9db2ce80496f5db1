import { DataResidency } from '@dataplatform/plugin-azure-common';

/**
 * Azure regions a domain may choose as its primary region. Only regions with
 * availability zones and a paired region are offered, grouped by the data
 * residency they satisfy: EU data is never placed outside the EU.
 */
export interface AzureRegion {
  /** ARM location name, e.g. `westeurope`. */
  name: string;
  displayName: string;
  residency: DataResidency;
  /** The region Azure pairs it with for geo-redundant replication. */
  pairedRegion: string;
  /**
   * False where the pair lies outside the residency (Brazil South pairs with
   * South Central US): geo-redundant replication must then stay off.
   */
  pairedRegionInResidency: boolean;
}

export const AZURE_REGIONS: readonly AzureRegion[] = [
  {
    name: 'westeurope',
    displayName: 'West Europe (Netherlands)',
    residency: 'eu',
    pairedRegion: 'northeurope',
    pairedRegionInResidency: true,
  },
  {
    name: 'northeurope',
    displayName: 'North Europe (Ireland)',
    residency: 'eu',
    pairedRegion: 'westeurope',
    pairedRegionInResidency: true,
  },
  {
    name: 'francecentral',
    displayName: 'France Central (Paris)',
    residency: 'eu',
    pairedRegion: 'francesouth',
    pairedRegionInResidency: true,
  },
  {
    name: 'germanywestcentral',
    displayName: 'Germany West Central (Frankfurt)',
    residency: 'eu',
    pairedRegion: 'germanynorth',
    pairedRegionInResidency: true,
  },
  {
    name: 'swedencentral',
    displayName: 'Sweden Central (Gävle)',
    residency: 'eu',
    pairedRegion: 'swedensouth',
    pairedRegionInResidency: true,
  },
  {
    name: 'eastus',
    displayName: 'East US (Virginia)',
    residency: 'us',
    pairedRegion: 'westus',
    pairedRegionInResidency: true,
  },
  {
    name: 'eastus2',
    displayName: 'East US 2 (Virginia)',
    residency: 'us',
    pairedRegion: 'centralus',
    pairedRegionInResidency: true,
  },
  {
    name: 'centralus',
    displayName: 'Central US (Iowa)',
    residency: 'us',
    pairedRegion: 'eastus2',
    pairedRegionInResidency: true,
  },
  {
    name: 'southcentralus',
    displayName: 'South Central US (Texas)',
    residency: 'us',
    pairedRegion: 'northcentralus',
    pairedRegionInResidency: true,
  },
  {
    name: 'westus2',
    displayName: 'West US 2 (Washington)',
    residency: 'us',
    pairedRegion: 'westcentralus',
    pairedRegionInResidency: true,
  },
  {
    name: 'westus3',
    displayName: 'West US 3 (Arizona)',
    residency: 'us',
    pairedRegion: 'eastus',
    pairedRegionInResidency: true,
  },
  {
    name: 'brazilsouth',
    displayName: 'Brazil South (São Paulo State)',
    residency: 'south-america',
    pairedRegion: 'southcentralus',
    pairedRegionInResidency: false,
  },
];

export function regionsFor(residency: DataResidency): AzureRegion[] {
  return AZURE_REGIONS.filter(r => r.residency === residency);
}

export function findRegion(name: string): AzureRegion | undefined {
  return AZURE_REGIONS.find(r => r.name === name);
}

/** How a residency is named to a person. */
export const RESIDENCY_LABELS: Record<DataResidency, string> = {
  eu: 'EU',
  us: 'US',
  'south-america': 'South America',
};
