/**
 * Builds the HTTP app exactly as production runs it; main.ts and the end-to-end tests both use it.
 */
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import * as express from 'express';
import { AppModule } from './app.module';
import { MAX_EVIDENCE_BYTES } from './evidence/evidence-types';
import { DomainExceptionFilter } from './http/domain-exception.filter';

export const MAX_PLAN_BYTES = 5 * 1024 * 1024;

export async function createApp(options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule, { logger: options.logger ?? ['log', 'warn', 'error'] });
  // The plan file is taken as raw bytes so the importer itself can report bad encodings and
  // truncation with their position, instead of the JSON body parser's generic 400.
  app.use('/api/plans/import', express.raw({ type: () => true, limit: MAX_PLAN_BYTES }));
  app.use(/^\/api\/organizations\/[^/]+\/evidence$/, express.raw({ type: () => true, limit: MAX_EVIDENCE_BYTES }));
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new DomainExceptionFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(app, new DocumentBuilder()
    .setTitle('ITA measures')
    .setDescription('Thai public agencies\' ITA measure plans run as durable Temporal workflows')
    .setVersion('0.1.0')
    .build());
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}
