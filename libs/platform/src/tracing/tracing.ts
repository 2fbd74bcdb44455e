import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type Attributes, type Context, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, type Tracer, defaultTextMapGetter, defaultTextMapSetter, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { ServiceConfig } from '../config/config.js';
import { SERVICE_NAME } from '../service-name.js';
import { currentSpan } from '../request-context/request-context.js';

export { SpanKind } from '@opentelemetry/api';

/** W3C Trace Context (`traceparent`, `tracestate`): what every hop between services carries. */
const propagator = new W3CTraceContextPropagator();

/** OTLP over HTTP sends traces to `<endpoint>/v1/traces`, as OTEL_EXPORTER_OTLP_ENDPOINT means in every OpenTelemetry SDK. */
export function otlpTracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

/** The trace context of `span` as the headers that carry it (`traceparent`, and `tracestate` when there is one). */
export function traceHeadersOf(span: Span): Record<string, string> {
  const headers: Record<string, string> = {};
  propagator.inject(trace.setSpan(ROOT_CONTEXT, span), headers, defaultTextMapSetter);
  return headers;
}

/** The context a `traceparent` (and `tracestate`) names, or the root context when there is none or it is malformed. */
export function contextFromHeaders(headers: Record<string, string | string[] | undefined>): Context {
  return propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
}

export interface SpanOptions {
  kind: SpanKind;
  /** The parent: a span, a context read from headers, or (omitted) the span of the work under way. */
  parent?: Span | Context;
  attributes?: Attributes;
}

/**
 * Traces of this service, exported by OTLP over HTTP (JSON) when OTEL_EXPORTER_OTLP_ENDPOINT is
 * set. Off otherwise, and then it costs nothing: `enabled` is false, no span is made, the
 * middleware is not installed and no header is added.
 *
 * One tracer provider per service rather than OpenTelemetry's global one, so the services a test
 * runs in one process each report under their own name; the span under way travels in the
 * request context (request-context.ts) with the request id, not in a global context manager.
 * Spans are made by hand at the few places a request crosses a boundary (an HTTP request served,
 * a call to another service, the gateway's proxy, an event's delivery and handling) rather than by
 * auto-instrumentation, whose module hooks do not work on ESM under jest.
 */
@Injectable()
export class Tracing implements OnApplicationShutdown {
  private readonly logger = new Logger('Tracing');
  private readonly provider?: TracerProvider;
  private readonly tracer?: Tracer;

  constructor(config: ServiceConfig, @Inject(SERVICE_NAME) service: string) {
    const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT;
    if (!endpoint) return;
    const exporter = new OTLPTraceExporter({ url: otlpTracesUrl(endpoint), timeoutMillis: config.HTTP_TIMEOUT_MS });
    this.provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': service, 'service.namespace': 'onestop' }),
      spanProcessors: [new BatchSpanProcessor({ exporter, scheduledDelayMillis: config.OTEL_BSP_SCHEDULE_DELAY })],
    });
    this.tracer = this.provider.getTracer('onestop');
    this.logger.log(`exporting traces to ${otlpTracesUrl(endpoint)}`);
  }

  get enabled(): boolean {
    return this.tracer !== undefined;
  }

  /** A new span, or undefined when traces are off. */
  start(name: string, options: SpanOptions): Span | undefined {
    if (!this.tracer) return undefined;
    const parent = options.parent ?? currentSpan();
    const context = parent === undefined ? ROOT_CONTEXT : isSpan(parent) ? trace.setSpan(ROOT_CONTEXT, parent) : parent;
    return this.tracer.startSpan(name, { kind: options.kind, attributes: options.attributes }, context);
  }

  /** Sends what is buffered now (shutdown does it too). */
  async flush(): Promise<void> {
    await this.provider?.forceFlush();
  }

  async onApplicationShutdown(): Promise<void> {
    // The spans of the last requests are sent before the process goes.
    await this.provider?.shutdown().catch((error: unknown) => this.logger.warn(`traces not sent at shutdown: ${error instanceof Error ? error.message : String(error)}`));
  }
}

function isSpan(value: Span | Context): value is Span {
  return typeof (value as Span).spanContext === 'function';
}

/** Ends a span with its outcome: an HTTP status of 500 or more, or a thrown error, marks it failed. */
export function endSpan(span: Span | undefined, outcome: { status?: number; error?: unknown } = {}): void {
  if (!span) return;
  if (outcome.status !== undefined) span.setAttribute('http.response.status_code', outcome.status);
  if (outcome.error !== undefined) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.error instanceof Error ? outcome.error.message : String(outcome.error) });
  } else if (outcome.status !== undefined && outcome.status >= 500) {
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}
