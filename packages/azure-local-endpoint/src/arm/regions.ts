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
