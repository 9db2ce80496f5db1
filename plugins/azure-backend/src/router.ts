import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult, BasicPermission } from '@backstage/plugin-permission-common';
import {
  azureEstateReadPermission,
  azureEstateRefreshPermission,
} from '@dataplatform/plugin-azure-common';
import { AzureClients } from '@dataplatform/plugin-azure-node';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { EstateService } from './services/EstateService';

export async function createRouter({
  httpAuth,
  permissions,
  estate,
  azure,
}: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  estate: EstateService;
  azure: AzureClients;
}): Promise<express.Router> {
  const router = Router();
  router.use(express.json());

  async function authorize(req: Request, permission: BasicPermission, denied: string) {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize([{ permission }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(denied);
    }
  }

  router.get('/connection', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user'] });
    res.json(azure.connection);
  });

  router.get('/estate', async (req, res) => {
    await authorize(
      req,
      azureEstateReadPermission,
      'You need to be in the platform team or a domain owner group to see the Azure estate.',
    );
    res.json(await estate.get());
  });

  router.post('/estate/refresh', async (req, res) => {
    await authorize(
      req,
      azureEstateRefreshPermission,
      'Only the platform team can refresh the estate.',
    );
    res.json(await estate.refresh());
  });

  return router;
}
