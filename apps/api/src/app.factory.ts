/**
 * Builds the HTTP app exactly as production runs it; main.ts and the end-to-end tests both use it.
 */
import { INestApplication } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { ZodSerializerInterceptor } from 'nestjs-zod';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { ParameterObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import * as express from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { MAX_EVIDENCE_BYTES } from './evidence/evidence-types';
import { DomainExceptionFilter } from './http/domain-exception.filter';
import { componentSchemas } from './http/schema';
import { jsonBodyOnly } from './http/json-body.middleware';
import { httpMetricsMiddleware } from './observability/http-metrics.middleware';
import { HttpMetricsService } from './observability/http-metrics.service';

export const MAX_PLAN_BYTES = 5 * 1024 * 1024;

export interface CreateAppOptions {
  /** false: log nothing at all (tests, CLIs). */
  logger?: false;
  /** Where the JSON log lines go instead of stdout (a test reading them). */
  logDestination?: DestinationStream;
}

export async function createApp(options: CreateAppOptions = {}): Promise<INestApplication> {
  const silent = options.logger === false;
  const app = await NestFactory.create(
    AppModule.register({ log: silent ? false : options.logDestination }),
    silent ? { logger: false } : { bufferLogs: true },
  );
  // Nest's own lines (start-up, errors) go through the same JSON logger as the request lines.
  if (!silent) {
    app.useLogger(app.get(Logger));
    // NestFactory.create leaves the start-up lines buffered until listen(); a test that only init()s wants them too.
    app.flushLogs();
  }
  app.use(httpMetricsMiddleware(app.get(HttpMetricsService)));
  // The plan file is taken as raw bytes so the importer itself can report bad encodings and
  // truncation with their position, instead of the JSON body parser's generic 400.
  app.use('/api/plans/import', express.raw({ type: () => true, limit: MAX_PLAN_BYTES }));
  app.use(/^\/api\/organizations\/[^/]+\/evidence$/, express.raw({ type: () => true, limit: MAX_EVIDENCE_BYTES }));
  // An ITA results workbook (.xlsx), for a stored plan or a draft, as raw bytes like a plan file.
  app.use(
    /^\/api\/organizations\/[^/]+\/plans\/[^/]+\/(drafts\/[^/]+\/)?ita$/,
    express.raw({ type: () => true, limit: MAX_PLAN_BYTES }),
  );
  app.use(
    /^(?!\/api\/plans\/import$|\/api\/organizations\/[^/]+\/evidence$|\/api\/organizations\/[^/]+\/plans\/[^/]+\/(drafts\/[^/]+\/)?ita$)/,
    jsonBodyOnly,
  );
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new DomainExceptionFilter());
  // Every answer goes out through the schema its handler declares (@ApiAnswer).
  app.useGlobalInterceptors(new ZodSerializerInterceptor(app.get(Reflector)));
  app.enableShutdownHooks();
  SwaggerModule.setup('api/docs', app, openApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
  serveWebApp(app);
  return app;
}

/** The API's contract: what /api/docs serves, and what the web app's client is generated from. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('ITA measures')
      .setDescription("Thai public agencies' ITA measure plans run as durable Temporal workflows")
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  // Nest sees every path parameter as a string; the fiscal year is the Buddhist-era integer it is.
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as Array<{ parameters?: ParameterObject[] }>) {
      for (const p of operation?.parameters ?? []) {
        if (p.name === 'fiscalYear' && p.in === 'path') p.schema = { type: 'integer', minimum: 2500, maximum: 2700 };
      }
    }
  }
  // The schemas are zod's (http/schema.ts): every named one, as zod writes it for OpenAPI 3.0.
  return { ...document, components: { ...document.components, schemas: componentSchemas() } };
}

/** The built web app (dist/web) at /, every non-API path answered with its index.html. */
function serveWebApp(app: INestApplication): void {
  const dir = webAppDir();
  if (!dir) return;
  app.use(express.static(dir, { index: false, maxAge: '1h' }));
  app.use(/^(?!\/api(\/|$)).*/, (req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(dir, 'index.html'));
  });
}

function webAppDir(): string | null {
  const candidates = [
    process.env.WEB_DIR,
    path.resolve(__dirname, '../../../web'),
    path.resolve(__dirname, '../../../dist/web'),
  ];
  return candidates.find((d): d is string => !!d && fs.existsSync(path.join(d, 'index.html'))) ?? null;
}
