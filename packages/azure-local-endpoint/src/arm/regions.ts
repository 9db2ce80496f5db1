/**
 * Names of Azure's public regions, as Resource Manager spells them in
 * `location`. Requests naming anything else are refused, as Azure refuses them,
 * so a typo in a provisioning plan fails here and not only in production.
 */
export const AZURE_REGION_NAMES: readonly string[] = [
  // Americas
  'eastus',
  'eastus2',
  'centralus',
  'northcentralus',
  'southcentralus',
  'westcentralus',
  'westus',
  'westus2',
  'westus3',
  'canadacentral',
  'canadaeast',
  'brazilsouth',
  'brazilsoutheast',
  'mexicocentral',
  'chilecentral',
  // Europe
  'northeurope',
  'westeurope',
  'uksouth',
  'ukwest',
  'francecentral',
  'francesouth',
  'germanywestcentral',
  'germanynorth',
  'swedencentral',
  'swedensouth',
  'norwayeast',
  'norwaywest',
  'switzerlandnorth',
  'switzerlandwest',
  'italynorth',
  'polandcentral',
  'spaincentral',
  'austriaeast',
  'belgiumcentral',
  // Middle East and Africa
  'uaenorth',
  'uaecentral',
  'qatarcentral',
  'israelcentral',
  'southafricanorth',
  'southafricawest',
  // Asia Pacific
  'eastasia',
  'southeastasia',
  'japaneast',
  'japanwest',
  'koreacentral',
  'koreasouth',
  'centralindia',
  'southindia',
  'westindia',
  'jioindiawest',
  'jioindiacentral',
  'australiaeast',
  'australiasoutheast',
  'australiacentral',
  'australiacentral2',
  'newzealandnorth',
  'indonesiacentral',
  'malaysiawest',
];

const KNOWN = new Set(AZURE_REGION_NAMES);

/**
 * Resource Manager accepts display names too ("West Europe") and answers with
 * the canonical name; undefined when the location is not an Azure region.
 */
export function canonicalRegion(location: string): string | undefined {
  const name = location.replace(/\s+/g, '').toLowerCase();
  return KNOWN.has(name) ? name : undefined;
}

/**
 * Azure's region pairs: where geo-redundant storage (GRS, RA-GRS, GZRS,
 * RA-GZRS) keeps its secondary copy, as `primary → secondary`. Pairs are
 * mutual except westus3, which replicates to eastus (whose own pair is
 * westus). Regions without a pair here cannot hold geo-redundant accounts.
 */
export const STORAGE_REGION_PAIRS: Readonly<Record<string, string>> =
  Object.freeze({
    westeurope: 'northeurope',
    northeurope: 'westeurope',
    eastus: 'westus',
    westus: 'eastus',
    eastus2: 'centralus',
    centralus: 'eastus2',
    brazilsouth: 'southcentralus',
    southcentralus: 'brazilsouth',
    uksouth: 'ukwest',
    ukwest: 'uksouth',
    francecentral: 'francesouth',
    francesouth: 'francecentral',
    germanywestcentral: 'germanynorth',
    germanynorth: 'germanywestcentral',
    swedencentral: 'swedensouth',
    swedensouth: 'swedencentral',
    westus2: 'westcentralus',
    westcentralus: 'westus2',
    westus3: 'eastus',
    centralindia: 'southindia',
    southindia: 'centralindia',
    japaneast: 'japanwest',
    japanwest: 'japaneast',
    australiaeast: 'australiasoutheast',
    australiasoutheast: 'australiaeast',
    canadacentral: 'canadaeast',
    canadaeast: 'canadacentral',
  });

/** The region a geo-redundant account in `region` replicates to, if it has one here. */
export function pairedRegion(region: string): string | undefined {
  return STORAGE_REGION_PAIRS[region];
}
