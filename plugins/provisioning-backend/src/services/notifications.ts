import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  DomainRequest,
  SandboxLease,
  sandboxResourceNames,
} from '@dataplatform/plugin-provisioning-common';
import { LeaseNotification, LeaseNotifier } from './sandboxLeases/types';

/** Where a person reviews a domain request in the portal. */
export function domainRequestLink(id: string) {
  return `/provisioning/domain-requests/${encodeURIComponent(id)}`;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Tells people about domain requests: the platform team when one arrives,
 * the requester when it is decided and when provisioning ends.
 *
 * Sending is best effort on purpose. The request itself is already saved
 * and shows up in the platform team's queue and on the requester's page;
 * refusing the submission (or the decision) because the notifications
 * plugin is down would lose real work to save a reminder. A failure is
 * logged as an error with the request id, never silently dropped.
 */
export class DomainRequestNotifier {
  constructor(
    private readonly notifications: NotificationService,
    private readonly platformTeam: string,
    private readonly logger: LoggerService,
  ) {}

  async submitted(request: DomainRequest) {
    const { input } = request;
    // The requester may be in the platform team; they need no reminder of their own request.
    await this.send(
      request,
      { entityRef: this.platformTeam, excludeEntityRef: request.requestedBy },
      {
        title: `Domain request to review: ${input.title ?? input.name}`,
        description: `${request.requestedBy} asks for the data domain "${input.name}" owned by ${input.ownerGroup} (${input.dataResidency}, ${input.primaryRegion}, budget ${input.monthlyBudget} a month). Approve or reject it.`,
        severity: 'normal',
      },
    );
  }

  async decided(request: DomainRequest) {
    const approved = request.status !== 'rejected';
    let started = '';
    if (request.provisioningTaskId) {
      started = ' Provisioning has started.';
    } else if (request.failure) {
      started = ` Provisioning could not start yet: ${request.failure}`;
    }
    await this.send(
      request,
      { entityRef: request.requestedBy },
      {
        title: `Domain ${request.input.name} ${
          approved ? 'approved' : 'rejected'
        }`,
        description: approved
          ? `${request.decidedBy} approved your request for the data domain "${request.input.name}".${started}`
          : `${request.decidedBy} rejected your request for the data domain "${request.input.name}": ${request.decisionComment}`,
        severity: approved ? 'normal' : 'high',
      },
    );
  }

  async finished(request: DomainRequest) {
    const provisioned = request.status === 'provisioned';
    await this.send(
      request,
      { entityRef: request.requestedBy },
      {
        title: provisioned
          ? `Domain ${request.input.name} is ready`
          : `Provisioning domain ${request.input.name} failed`,
        description: provisioned
          ? `Subscription ${request.subscriptionId} was vended for "${request.input.name}"; the domain is ${request.domainEntityRef} in the catalog.`
          : `${request.failure} The platform team can start provisioning again.`,
        severity: provisioned ? 'normal' : 'high',
      },
    );
  }

  private async send(
    request: DomainRequest,
    recipient: { entityRef: string; excludeEntityRef?: string },
    payload: {
      title: string;
      description: string;
      severity: 'normal' | 'high';
    },
  ) {
    try {
      await this.notifications.send({
        recipients: { type: 'entity', ...recipient },
        payload: {
          ...payload,
          link: domainRequestLink(request.id),
          topic: 'domain-request',
          // One notification per request and recipient, updated as it moves on.
          scope: `domain-request:${request.id}`,
        },
      });
    } catch (error) {
      this.logger.error(
        `Notifying ${recipient.entityRef} about domain request ${
          request.id
        } ("${payload.title}") failed: ${describeError(error)}`,
      );
    }
  }
}

/**
 * Tells a sandbox's owner group what the lease task did. Failures are
 * thrown: the lease task decides whether to retry and reports them.
 */
export class NotificationLeaseNotifier implements LeaseNotifier {
  constructor(private readonly notifications: NotificationService) {}

  async notifyOwner(lease: SandboxLease, message: LeaseNotification) {
    await this.notifications.send({
      recipients: { type: 'entity', entityRef: lease.input.ownerGroup },
      payload: {
        title: message.title,
        description: message.description,
        severity: message.severity,
        link: `/catalog/default/resource/${
          sandboxResourceNames(lease.input.name).entityName
        }`,
        topic: 'sandbox-lease',
      },
    });
  }
}
