import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { HttpException, Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { METRICS_PATH, pathOf, ProblemDetailsFilter } from '@onestop/platform';

/**
 * One step of the gateway's door: it passes the request on with `next()`, or answers it itself.
 * Steps take Node's own request and response: the door runs before Express (see `installDoor`).
 */
export type DoorStep = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** What the door hands a request to once every step has passed it: the service that owns it, or Express. */
export type DoorEnd = (req: IncomingMessage, res: ServerResponse) => void;

const problems = new ProblemDetailsFilter();
const logger = new Logger('Door');
const clientAddresses = new WeakMap<IncomingMessage, string>();

/**
 * The client's address as Express's `req.ip` gives it with `trust proxy` set to a number of hops:
 * the socket's peer, or, behind `trustedProxies` proxies, the address that many entries from the
 * right of `X-Forwarded-For`. Judged when the request arrives, before routing appends to the header.
 */
export function clientAddressOf(req: IncomingMessage): string {
  return clientAddresses.get(req) ?? req.socket.remoteAddress ?? '0.0.0.0';
}

function judgeClientAddress(req: IncomingMessage, trustedProxies: number): string {
  const peer = req.socket.remoteAddress ?? '0.0.0.0';
  const header = req.headers['x-forwarded-for'];
  if (trustedProxies === 0 || !header) return peer;
  const forwarded = (Array.isArray(header) ? header.join(',') : header).split(',').map((entry) => entry.trim());
  // [peer, nearest proxy's client, …]: each trusted hop reveals one more entry from the right.
  const chain = [peer, ...forwarded.reverse()];
  return chain[Math.min(trustedProxies, chain.length - 1)];
}

/** Answers an error a step raised, as problem+json (an unexpected one as a 500 with nothing of its internals). */
export function answerProblem(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  // Problems the door raises on purpose (refusals, a service down) are answers, not failures.
  if (!(error instanceof HttpException)) logger.error(`${req.method} ${pathOf(req)} failed at the door`, error instanceof Error ? error.stack : String(error));
  if (res.headersSent) {
    res.destroy();
    return;
  }
  problems.respond(error, req, res);
}

/**
 * The public door, in front of Express: every request but a metrics scrape goes through `steps`
 * (request id, metrics, access log, security headers, CORS, credentials, rate limit, audit) as
 * plain Node functions, then to `end`. A request a service owns is streamed to it from there
 * without Express ever seeing it; the rest (the gateway's own resources, docs, health) go on to
 * Express and Nest. Express's per-request work (its router walking every middleware layer,
 * the request and response prototypes) cost more than half the gateway's CPU on a routed read,
 * measured with `--cpu-prof` (bench/README.md, intake-submission).
 */
export function installDoor(app: NestExpressApplication, options: { trustedProxies: number; steps: DoorStep[]; routed: (req: IncomingMessage, res: ServerResponse) => boolean }): void {
  const express = app.getHttpAdapter().getInstance() as unknown as DoorEnd;
  const { steps, routed, trustedProxies } = options;
  const enter = (req: IncomingMessage, res: ServerResponse) => {
    if (pathOf(req) === METRICS_PATH) {
      // A scrape is answered before the limits and the credential checks, and is no client's request.
      express(req, res);
      return;
    }
    clientAddresses.set(req, judgeClientAddress(req, trustedProxies));
    let position = 0;
    const next = (error?: unknown): void => {
      if (error !== undefined) {
        answerProblem(req, res, error);
        return;
      }
      const step = steps[position++];
      try {
        if (step) step(req, res, next);
        else if (!routed(req, res)) express(req, res);
      } catch (thrown) {
        answerProblem(req, res, thrown);
      }
    };
    next();
  };
  const server = app.getHttpServer() as Server;
  server.removeAllListeners('request');
  server.on('request', enter);
}
