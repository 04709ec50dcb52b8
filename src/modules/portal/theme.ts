// Each site's colour (from the sites table, editable in the back office) as a
// stylesheet: /themes/<hash>.css defines --brand per `theme-<code>` class.
// The CSP allows no inline styles, hence a stylesheet; the hash of the
// colours is its name, so it can be cached for a year.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/module.ts';
import { loadStructure, type Structure } from './structure.ts';

const COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const CODE = /^[a-z0-9-]{1,32}$/;

function luminance(hex: string): number {
  const full =
    hex.length === 4
      ? hex
          .slice(1)
          .split('')
          .map((c) => c + c)
          .join('')
      : hex.slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = Number.parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** White text on the colour when that reaches 4.5:1 (WCAG AA), else near-black. */
export function textOn(hex: string): string {
  return 1.05 / (luminance(hex) + 0.05) >= 4.5 ? '#ffffff' : '#1f2328';
}

export function themeCss(structure: Structure): string {
  return structure.sites
    .filter((s) => CODE.test(s.code) && COLOUR.test(s.colour))
    .map((s) => `.theme-${s.code}{--brand:${s.colour};--on-brand:${textOn(s.colour)}}`)
    .join('\n');
}

const Params = Type.Object({ file: Type.String({ pattern: '^[0-9a-f]{10}\\.css$' }) });

export function registerThemeRoute(app: FastifyInstance, ctx: AppContext): void {
  app.get('/themes/:file', { schema: { params: Params } }, async (request, reply) => {
    const structure = await loadStructure(ctx);
    const current = (request.params as { file: string }).file === `${structure.themeHash}.css`;
    // An old page may ask for last week's colours: give today's, briefly cached.
    reply.header(
      'cache-control',
      current ? 'public, max-age=31536000, immutable' : 'public, max-age=60',
    );
    return reply.type('text/css; charset=utf-8').send(`${themeCss(structure)}\n`);
  });
}
