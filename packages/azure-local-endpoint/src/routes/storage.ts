import { Request, Response, Router } from 'express';
import { z } from 'zod';
import {
  containerResource,
  immutabilityPolicyResource,
  managementPolicyResource,
  storageAccountResource,
} from '../arm/storage';
import { parseBody } from '../arm/validation';
import {
  BlobContainer,
  CONTAINER_PUBLIC_ACCESS,
  ImmutabilityPolicy,
  lifecycleRulesSchema,
  STORAGE_SKUS,
  StorageAccount,
} from '../tenant/storage';
import { Tenant } from '../tenant/Tenant';
import { tagValues } from './subscriptions';

const storageAccountBody = z.object({
  location: z.string().min(1),
  sku: z.object({ name: z.enum(STORAGE_SKUS) }),
  // The platform's accounts are all general-purpose v2 with a hierarchical
  // namespace; other kinds are not modelled.
  kind: z.literal('StorageV2'),
  tags: tagValues.nullish(),
});

const managementPolicyBody = z.object({
  properties: z.object({
    policy: z.object({ rules: lifecycleRulesSchema }),
  }),
});

const containerBody = z.object({
  properties: z
    .object({
      publicAccess: z.enum(CONTAINER_PUBLIC_ACCESS).nullish(),
      metadata: z.record(z.string()).nullish(),
    })
    .nullish(),
});

// The period's range is checked by the tenant, for seeds and requests alike.
const immutabilityBody = z.object({
  properties: z.object({
    immutabilityPeriodSinceCreationInDays: z.number(),
    allowProtectedAppendWrites: z.boolean().nullish(),
  }),
});

const ifMatch = (req: Request) => req.get('if-match') ?? undefined;

/**
 * Microsoft.Storage: storage accounts, their lifecycle management policy,
 * blob containers and the containers' time-based immutability policies.
 */
export function storageRoutes(tenant: Tenant): Router {
  const router = Router();
  const provider = 'providers/Microsoft.Storage/storageAccounts';
  const inGroup = `/subscriptions/:subscriptionId/resourcegroups/:resourceGroupName/${provider}`;
  const account = `${inGroup}/:accountName`;
  const policy = `${account}/managementPolicies/default`;
  const containers = `${account}/blobServices/default/containers`;
  const container = `${containers}/:containerName`;
  const immutability = `${container}/immutabilityPolicies/default`;

  const getAccount = (req: Request) =>
    tenant.storage.get(
      req.params.subscriptionId,
      req.params.resourceGroupName,
      req.params.accountName,
    );

  router.get(`/subscriptions/:subscriptionId/${provider}`, (req, res) => {
    res.json({
      value: tenant.storage
        .listInSubscription(req.params.subscriptionId)
        .map(storageAccountResource),
    });
  });

  router.get(inGroup, (req, res) => {
    res.json({
      value: tenant.storage
        .listInResourceGroup(
          req.params.subscriptionId,
          req.params.resourceGroupName,
        )
        .map(storageAccountResource),
    });
  });

  router.get(account, (req, res) => {
    res.json(storageAccountResource(getAccount(req)));
  });

  // A long-running operation in Azure; answered finished (Succeeded), which
  // the SDK's poller takes as done without polling.
  router.put(account, (req, res) => {
    const { subscriptionId, resourceGroupName, accountName } = req.params;
    tenant.writableSubscription(subscriptionId);
    tenant.resourceGroups.get(subscriptionId, resourceGroupName);
    const body = parseBody(storageAccountBody, req.body);
    const { account: created } = tenant.storage.createOrUpdate(
      subscriptionId,
      resourceGroupName,
      accountName,
      {
        location: body.location,
        skuName: body.sku.name,
        tags: body.tags ?? undefined,
      },
    );
    res.status(200).json(storageAccountResource(created));
  });

  router.delete(account, (req, res) => {
    const { subscriptionId, resourceGroupName, accountName } = req.params;
    const existed = tenant.storage.delete(
      subscriptionId,
      resourceGroupName,
      accountName,
    );
    res.status(existed ? 200 : 204).end();
  });

  // ---- lifecycle management policy ---------------------------------------

  router.get(policy, (req, res) => {
    const a = getAccount(req);
    res.json(
      managementPolicyResource(a, tenant.storage.getManagementPolicy(a)),
    );
  });

  router.put(policy, (req, res) => {
    const { subscriptionId, resourceGroupName, accountName } = req.params;
    tenant.writableSubscription(subscriptionId);
    getAccount(req);
    const body = parseBody(managementPolicyBody, req.body);
    const { account: a, policy: written } = tenant.storage.setManagementPolicy(
      subscriptionId,
      resourceGroupName,
      accountName,
      body.properties.policy.rules,
    );
    res.status(200).json(managementPolicyResource(a, written));
  });

  router.delete(policy, (req, res) => {
    const { subscriptionId, resourceGroupName, accountName } = req.params;
    const existed = tenant.storage.deleteManagementPolicy(
      subscriptionId,
      resourceGroupName,
      accountName,
    );
    res.status(existed ? 200 : 204).end();
  });

  // ---- blob containers ---------------------------------------------------

  router.get(containers, (req, res) => {
    const a = getAccount(req);
    res.json({
      value: tenant.storage.listContainers(a).map(c => containerResource(a, c)),
    });
  });

  router.get(container, (req, res) => {
    const a = getAccount(req);
    res.json(
      containerResource(
        a,
        tenant.storage.getContainer(a, req.params.containerName),
      ),
    );
  });

  router.put(container, (req, res) => {
    const { subscriptionId, resourceGroupName, accountName, containerName } =
      req.params;
    tenant.writableSubscription(subscriptionId);
    getAccount(req);
    const properties = parseBody(containerBody, req.body).properties ?? {};
    const result = tenant.storage.createOrUpdateContainer(
      subscriptionId,
      resourceGroupName,
      accountName,
      containerName,
      {
        publicAccess: properties.publicAccess ?? undefined,
        metadata: properties.metadata ?? undefined,
      },
    );
    res
      .status(result.created ? 201 : 200)
      .json(containerResource(result.account, result.container));
  });

  // ---- immutability policies ---------------------------------------------

  const answerPolicy = (
    res: Response,
    {
      account: a,
      container: c,
      policy: p,
    }: {
      account: StorageAccount;
      container: BlobContainer;
      policy: ImmutabilityPolicy;
    },
  ) => {
    res.setHeader('ETag', p.etag);
    res.status(200).json(immutabilityPolicyResource(a, c, p));
  };

  router.get(immutability, (req, res) => {
    const a = getAccount(req);
    const c = tenant.storage.getContainer(a, req.params.containerName);
    answerPolicy(res, {
      account: a,
      container: c,
      policy: tenant.storage.getImmutabilityPolicy(a, c),
    });
  });

  router.put(immutability, (req, res) => {
    const { subscriptionId, resourceGroupName, accountName, containerName } =
      req.params;
    tenant.writableSubscription(subscriptionId);
    getAccount(req);
    const { properties } = parseBody(immutabilityBody, req.body);
    answerPolicy(
      res,
      tenant.storage.putImmutabilityPolicy(
        subscriptionId,
        resourceGroupName,
        accountName,
        containerName,
        {
          immutabilityPeriodSinceCreationInDays:
            properties.immutabilityPeriodSinceCreationInDays,
          allowProtectedAppendWrites:
            properties.allowProtectedAppendWrites ?? undefined,
        },
        ifMatch(req),
      ),
    );
  });

  router.delete(immutability, (req, res) => {
    const { subscriptionId, resourceGroupName, accountName, containerName } =
      req.params;
    answerPolicy(
      res,
      tenant.storage.deleteImmutabilityPolicy(
        subscriptionId,
        resourceGroupName,
        accountName,
        containerName,
        ifMatch(req),
      ),
    );
  });

  router.post(`${immutability}/lock`, (req, res) => {
    const { subscriptionId, resourceGroupName, accountName, containerName } =
      req.params;
    answerPolicy(
      res,
      tenant.storage.lockImmutabilityPolicy(
        subscriptionId,
        resourceGroupName,
        accountName,
        containerName,
        ifMatch(req),
      ),
    );
  });

  router.post(`${immutability}/extend`, (req, res) => {
    const { subscriptionId, resourceGroupName, accountName, containerName } =
      req.params;
    tenant.writableSubscription(subscriptionId);
    getAccount(req);
    const { properties } = parseBody(immutabilityBody, req.body);
    answerPolicy(
      res,
      tenant.storage.extendImmutabilityPolicy(
        subscriptionId,
        resourceGroupName,
        accountName,
        containerName,
        {
          immutabilityPeriodSinceCreationInDays:
            properties.immutabilityPeriodSinceCreationInDays,
          allowProtectedAppendWrites:
            properties.allowProtectedAppendWrites ?? undefined,
        },
        ifMatch(req),
      ),
    );
  });

  return router;
}
