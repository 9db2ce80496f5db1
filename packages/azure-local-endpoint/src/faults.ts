import { randomUUID } from 'node:crypto';
import { NextFunction, Request, Response } from 'express';
import { z } from 'zod';

/**
 * Faults injected per route through the admin API, so reliability tests can
 * make the local tenant misbehave the way Azure does: throttling with each of
 * its retry headers, server errors, slow answers and broken bodies.
 */
export const faultSpecSchema = z
  .object({
    method: z
      .enum(['GET', 'PUT', 'POST', 'PATCH', 'DELETE'])
      .optional()
      .describe('only requests with this method; any method when omitted'),
    path: z
      .string()
      .min(1)
      .describe(
        'a regular expression, matched case-insensitively against the request path',
      ),
    kind: z
      .enum([
        'throttle',
        'error',
        'delay',
        'malformed',
        'partial',
        'dangling-next-link',
      ])
      .describe(
        'partial: the Azure Monitor query routes answer 200 with part of the result failed; dangling-next-link: a Cost Management query answers with a nextLink to a page that does not exist; other routes ignore both',
      ),
    status: z.number().int().min(500).max(599).optional(),
    retryAfterSeconds: z.number().min(0).max(3600).optional(),
    retryHeader: z
      .string()
      .regex(/^[a-z0-9-.]+$/i)
      .optional()
      .describe(
        'the header that carries the retry delay: retry-after (default), retry-after-ms, x-ms-retry-after-ms or a Cost Management variant',
      ),
    delayMs: z.number().int().min(0).max(120_000).optional(),
    times: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('how many matching requests it hits; unlimited when omitted'),
  })
  .strict()
  .superRefine((spec, ctx) => {
    try {
      // eslint-disable-next-line no-new
      new RegExp(spec.path, 'i');
    } catch (e) {
      ctx.addIssue({
        code: 'custom',
        path: ['path'],
        message: `not a valid regular expression: ${(e as Error).message}`,
      });
    }
    if (spec.kind === 'delay' && spec.delayMs === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['delayMs'],
        message: 'required when kind is delay',
      });
    }
  });

export type FaultSpec = z.infer<typeof faultSpecSchema>;

export interface Fault extends FaultSpec {
  id: string;
  hits: number;
}

export class FaultInjector {
  private faults: Fault[] = [];
  // Compiled once per fault: every Azure request is matched against them.
  private readonly patterns = new Map<string, RegExp>();

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, id: randomUUID(), hits: 0 };
    this.patterns.set(fault.id, new RegExp(spec.path, 'i'));
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map(f => ({ ...f }));
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter(f => f.id !== id);
    this.patterns.delete(id);
    return this.faults.length !== before;
  }

  clear(): void {
    this.faults = [];
    this.patterns.clear();
  }

  /** Takes the first live fault matching the request, counting the hit. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find(
      f =>
        (!f.method || f.method === method.toUpperCase()) &&
        this.patterns.get(f.id)!.test(path) &&
        (f.times === undefined || f.hits < f.times),
    );
    if (fault) fault.hits += 1;
    return fault;
  }

  middleware() {
    return async (req: Request, res: Response, next: NextFunction) => {
      const fault = this.take(req.method, req.path);
      if (!fault) {
        next();
        return;
      }
      res.setHeader('x-local-azure-fault', fault.id);
      switch (fault.kind) {
        case 'delay':
          await new Promise(resolve => setTimeout(resolve, fault.delayMs));
          next();
          return;
        case 'partial':
          // Only the route can fail part of its own answer.
          res.locals.partialFault = fault;
          next();
          return;
        case 'dangling-next-link':
          // Only the Cost Management query route writes nextLinks.
          res.locals.danglingNextLinkFault = fault;
          next();
          return;
        case 'throttle': {
          const seconds = fault.retryAfterSeconds ?? 1;
          const header = (fault.retryHeader ?? 'retry-after').toLowerCase();
          res.setHeader(
            header,
            header.endsWith('-ms')
              ? String(Math.round(seconds * 1000))
              : String(seconds),
          );
          res.status(429).json({
            error: {
              code: 'TooManyRequests',
              message: `Too many requests. Retry after ${seconds} seconds (injected fault).`,
            },
          });
          return;
        }
        case 'error': {
          const status = fault.status ?? 503;
          res.status(status).json({
            error: {
              code:
                status === 503 ? 'ServiceUnavailable' : 'InternalServerError',
              message: `The service failed to answer (injected fault, status ${status}).`,
            },
          });
          return;
        }
        case 'malformed':
        default:
          res
            .status(200)
            .type('application/json')
            .send('{"value": [{"id": "/subscriptions/');
      }
    };
  }
}
