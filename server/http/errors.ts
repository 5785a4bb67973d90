// One error shape for the JSON API, `{ error: { code, message, field? } }`, and the bearer-token
// check shared by the admin and device routes. Error text never carries request values.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { httpStatusOf, ServiceError } from '../blocks/service-error.ts';

export function sendError(reply: FastifyReply, status: number, code: string, message: string, field?: string): FastifyReply {
  return reply.code(status).send({ error: { code, message, ...(field ? { field } : {}) } });
}

export function sendServiceError(reply: FastifyReply, e: ServiceError): FastifyReply {
  return sendError(reply, httpStatusOf(e.code), e.code, e.message, e.field);
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header.trim());
  return match ? match[1]! : null;
}

export function unauthorized(reply: FastifyReply): FastifyReply {
  return reply.code(401).header('www-authenticate', 'Bearer').send({ error: { code: 'unauthorized', message: 'unknown or revoked token' } });
}

/** A query parameter as a non-negative integer, or a ServiceError naming it. */
export function intParam(value: unknown, name: string, options: { min?: number; max?: number; fallback?: number } = {}): number {
  if (value === undefined || value === '') {
    if (options.fallback !== undefined) return options.fallback;
    throw new ServiceError('invalid', `query parameter ${name} is required`, name);
  }
  const n = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  const min = options.min ?? 0;
  if (!Number.isSafeInteger(n) || n < min || (options.max !== undefined && n > options.max)) {
    throw new ServiceError('invalid', `query parameter ${name} must be an integer from ${min}${options.max !== undefined ? ` to ${options.max}` : ''}`, name);
  }
  return n;
}
