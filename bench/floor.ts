// The floor of our stack: a bare Fastify route returning the given file's
// bytes from memory, in its own process like the Yimen node it is compared to.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const [file, contentType = 'text/html; charset=utf-8'] = process.argv.slice(2);
const body = readFileSync(file!);
const app = Fastify({ logger: false });
app.get('/', (_req, reply) => reply.type(contentType).send(body));
await app.listen({ port: 0, host: '127.0.0.1' });
const { port } = app.server.address() as { port: number };
process.stdout.write(`http://127.0.0.1:${port}\n`);
