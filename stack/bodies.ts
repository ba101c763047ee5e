import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import type { Params } from './admin-api';
import { invalidParam } from './errors';

/** Reading request bodies for the stack's endpoints: JSON, JSON objects, multipart forms, with a size limit. */

export class BodyTooLarge extends Error {}

export function parseJson(raw: unknown, name: string): unknown {
  if (raw === undefined || raw === null || raw === '') return {};
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    throw invalidParam(`${name} is not valid JSON`);
  }
}

/** A JSON value that must be an object (not null, an array, text or a number): INVALID_PARAM otherwise. */
export function jsonObject(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidParam(`${name} must be a JSON object`);
  return value as Record<string, unknown>;
}

/** Reads a whole body; past the limit it keeps draining (so the client sees our answer) and rejects. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => (size > limit ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** Multipart form into params: text fields as strings, file parts as Buffers. */
export function readMultipart(req: IncomingMessage, limit: number): Promise<Params> {
  return new Promise((resolve, reject) => {
    const params: Params = {};
    let tooLarge = false;
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: limit, fieldSize: limit } });
    } catch {
      reject(invalidParam('malformed multipart body'));
      return;
    }
    parser.on('field', (name, value) => (params[name] = value));
    parser.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => (tooLarge = true));
      stream.on('end', () => (params[name] = Buffer.concat(chunks)));
    });
    parser.on('close', () => (tooLarge ? reject(new BodyTooLarge()) : resolve(params)));
    parser.on('error', () => reject(invalidParam('malformed multipart body')));
    req.pipe(parser);
  });
}
