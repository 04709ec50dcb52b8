// Files of an item:
//   POST /admin/content/:id/attachments              content.edit (multipart, up to 10 files)
//   POST /admin/content/:id/attachments/:sha/remove  content.edit
//   POST /admin/content/:id/cover                    content.edit (multipart: alt text, image)
//   GET  /admin/content/:id/files/:sha               anyone who may read the item
// Multipart bodies are streamed: the CSRF token must be the first part and is
// checked before any file is read; each file goes to disk while it arrives
// (20 MB at most, 413 beyond) and is checked by its bytes (415 otherwise).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, notFound } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { formErrors, requireValid } from '../../identity/admin/http.ts';
import { getChannel } from '../../sites/sites.ts';
import { addAttachments, listAttachments, removeAttachment } from '../attachments.ts';
import { getStoredFile, storedFilePath } from '../files.ts';
import { getItem, getRevision, saveDraft } from '../items.ts';
import type { ContentFields, ContentItemRow } from '../tables.ts';
import { contentDisposition } from '../uploads.ts';
import { editorOf, requireOn, requireRead, whoOf } from './common.ts';
import { editorRenderer, storedValues } from './editor-routes.ts';
import { multipartReceiver, uploadRefusal } from './multipart.ts';
import { EmptyBody, FileParams, ItemParams } from './schemas.ts';

const edit = { permission: 'content.edit' as const, anyScope: true };

export function uploadRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const render = editorRenderer(ctx);

  const { receive } = multipartReceiver(app, ctx);

  /** Upload failures are shown on the editor page, with the reason and the right status. */
  async function orEditor(
    request: FastifyRequest,
    reply: FastifyReply,
    item: ContentItemRow,
    field: string,
    work: () => Promise<string>,
  ) {
    try {
      return reply.redirect(await work(), 303);
    } catch (err) {
      const mapped = uploadRefusal(
        err,
        '上传的文件过大或数量过多（每个文件不超过 20 MB，每次最多 10 个）',
      );
      const channel = await getChannel(ctx, item.channel_id);
      return render(request, reply, mapped.status, channel, item, await storedValues(ctx, item), {
        message: mapped.message,
        errors: { ...(mapped.fields ?? {}), [field]: mapped.message },
      });
    }
  }

  r.post(
    '/admin/content/:id/attachments',
    {
      config: { access: edit, csrf: false },
      schema: { params: ItemParams },
      attachValidation: true,
    },
    async (request, reply) => {
      formErrors(request);
      const item = await getItem(ctx, request.params.id);
      await requireOn(ctx, request, 'content.edit', item.site_code);
      return orEditor(request, reply, item, 'files', async () => {
        const { files } = await receive(request, reply, 'files');
        if (files.length === 0)
          throw badRequest('请选择要上传的文件', { files: '请选择要上传的文件' });
        await addAttachments(ctx, item.id, files, whoOf(request));
        return `/admin/content/${item.id}/edit?ok=uploaded`;
      });
    },
  );

  r.post(
    '/admin/content/:id/cover',
    {
      config: { access: edit, csrf: false },
      schema: { params: ItemParams },
      attachValidation: true,
    },
    async (request, reply) => {
      formErrors(request);
      const item = await getItem(ctx, request.params.id);
      await requireOn(ctx, request, 'content.edit', item.site_code);
      return orEditor(request, reply, item, 'cover', async () => {
        const noAlt = () =>
          badRequest('封面图片必须填写替代文字', {
            alt: '请为封面图片填写替代文字（供读屏软件朗读）',
          });
        const { fields, files } = await receive(request, reply, 'cover', 'image', (f) => {
          // The alt text comes before the file in the form; without it nothing is stored.
          if (!f.alt?.trim()) throw noAlt();
        });
        const cover = files[0];
        if (!cover) throw badRequest('请选择封面图片', { cover: '请选择封面图片' });
        const alt = fields.alt?.trim() ?? '';
        if (!alt) throw noAlt();
        const rev = await getRevision(ctx, item.id, item.working_revision);
        const current: ContentFields = JSON.parse(rev.fields);
        await saveDraft(
          ctx,
          item.id,
          {
            title: rev.title,
            summary: rev.summary ?? undefined,
            bodyHtml: rev.body_html,
            fields: { ...current, coverSha256: cover.sha256, coverAlt: alt.slice(0, 300) },
            audiences: JSON.parse(rev.audiences),
            topics: JSON.parse(rev.topics),
          },
          editorOf(request),
        );
        return `/admin/content/${item.id}/edit?ok=cover`;
      });
    },
  );

  r.post(
    '/admin/content/:id/attachments/:sha/remove',
    {
      config: { access: edit },
      schema: { params: FileParams, body: EmptyBody },
      attachValidation: true,
    },
    async (request, reply) => {
      requireValid(request);
      const item = await getItem(ctx, request.params.id);
      await requireOn(ctx, request, 'content.edit', item.site_code);
      await removeAttachment(ctx, item.id, request.params.sha, whoOf(request));
      return reply.redirect(`/admin/content/${item.id}/edit?ok=removed`, 303);
    },
  );

  r.get(
    '/admin/content/:id/files/:sha',
    { config: { access: 'staff' }, schema: { params: FileParams }, attachValidation: true },
    async (request, reply) => {
      formErrors(request);
      const item = await getItem(ctx, request.params.id);
      await requireRead(ctx, request, item.site_code);
      const sha = request.params.sha;
      const attachment = (await listAttachments(ctx, item.id)).find((a) => a.sha256 === sha);
      const covers = [item.fields, (await getRevision(ctx, item.id, item.working_revision)).fields]
        .map((f) => (JSON.parse(f) as ContentFields).coverSha256)
        .filter(Boolean);
      if (!attachment && !covers.includes(sha)) throw notFound('文件不存在');
      const file = await getStoredFile(ctx, sha);
      const path = storedFilePath(ctx, sha);
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) throw notFound('文件不存在');
      const image = file.mime.startsWith('image/');
      return reply
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-security-policy',
          `${String(reply.getHeader('content-security-policy'))};sandbox`,
        )
        .header(
          'content-disposition',
          contentDisposition(
            attachment?.name ?? `cover.${file.mime.split('/')[1]}`,
            image ? 'inline' : 'attachment',
          ),
        )
        .header('content-length', info.size)
        .type(file.mime)
        .send(createReadStream(path));
    },
  );
}
