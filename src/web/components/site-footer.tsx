// The footer particulars a government site must show (政府网站发展指引 and the
// inspection indicators): 主办单位, 联系方式, 网站标识码, ICP备案编号 linking to
// the MIIT register, 公安机关备案号 linking to the public-security register,
// and the 党政机关网站标识 link. Each line appears only when it is set.
import type { ViewContext } from '../view.ts';

export interface FooterInfo {
  sponsor: string;
  contact?: string | null;
  siteIdentifier?: string | null;
  icpRecord?: string | null;
  policeRecord?: string | null;
  conacUrl?: string | null;
}

const HTTP_URL = /^https?:\/\/[^\s"<>]+$/i;

export function SiteFooter({ view, info }: { view: ViewContext; info: FooterInfo }) {
  const { t } = view;
  const policeCode = info.policeRecord?.replace(/\D/g, '');
  return (
    <div class="footer-info">
      <p>
        <span class="footer-item">
          {t('portal.footer.sponsor')}
          {info.sponsor}
        </span>
        {info.contact && <span class="footer-item">{info.contact}</span>}
      </p>
      {(info.siteIdentifier || info.icpRecord || info.policeRecord || info.conacUrl) && (
        <p>
          {info.siteIdentifier && (
            <span class="footer-item">
              {t('portal.footer.identifier')}
              {info.siteIdentifier}
            </span>
          )}
          {info.icpRecord && (
            <a class="footer-item" href="https://beian.miit.gov.cn/" rel="noopener">
              {info.icpRecord}
            </a>
          )}
          {info.policeRecord && (
            <a
              class="footer-item"
              href={`https://beian.mps.gov.cn/#/query/webSearch?code=${policeCode}`}
              rel="noopener"
            >
              {info.policeRecord}
            </a>
          )}
          {info.conacUrl && HTTP_URL.test(info.conacUrl) && (
            <a class="footer-item" href={info.conacUrl} rel="noopener">
              {t('portal.footer.conac')}
            </a>
          )}
        </p>
      )}
      <p>{t('portal.footer.powered')}</p>
    </div>
  );
}
