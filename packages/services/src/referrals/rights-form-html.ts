import {
  type Locale,
  type RightsNotification,
  rightsFormLangTag,
  rightsFormText,
} from '@ctip/domain';

/** What the printed form shows besides the recorded notification. */
export type RightsFormData = {
  notification: RightsNotification;
  personName: string | null;
  age: number | null;
  nationality: string | null;
  idDocument: string | null;
  returningFrom: string | null;
  identifiedIn: string | null;
  caseCode: string;
};

/** Font stacks per language: the Noto family for each script, then generic fallbacks. */
const FONT_STACKS: Record<Locale, string> = {
  en: "'Noto Sans', 'DejaVu Sans', sans-serif",
  vi: "'Noto Sans', 'DejaVu Sans', sans-serif",
  th: "'Noto Sans Thai', 'Noto Sans', sans-serif",
  km: "'Noto Sans Khmer', 'Noto Sans', sans-serif",
  lo: "'Noto Sans Lao', 'Noto Sans', sans-serif",
  my: "'Noto Sans Myanmar', 'Noto Sans', sans-serif",
  zh: "'Noto Sans CJK SC', 'Noto Sans SC', 'Noto Sans', sans-serif",
};

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const box = (checked: boolean): string =>
  `<span class="box" aria-hidden="true">${checked ? '&#x2612;' : '&#x2610;'}</span>`;

function field(label: string, value: string | number | null | undefined): string {
  const v = value == null || value === '' ? '&nbsp;' : escapeHtml(String(value));
  return `<span class="field"><span class="label">${escapeHtml(label)}</span> <span class="value">${v}</span></span>`;
}

function signature(label: string, name: string | null): string {
  return `<div class="sig"><div class="line"></div><div>${escapeHtml(label)}</div><div class="name">(${name ? escapeHtml(name) : '&nbsp;'.repeat(30)})</div></div>`;
}

/**
 * The print-ready HTML of the rights-notification form (A4, `lang` set, the script's Noto font).
 * Every value is escaped. With `printButton`, a print button is added (hidden when printing); its
 * script carries `nonce` so a strict Content-Security-Policy can allow it.
 */
export function renderRightsFormHtml(
  data: RightsFormData,
  language: Locale,
  options: { printButton?: boolean; nonce?: string } = {},
): string {
  const t = rightsFormText(language);
  const n = data.notification;
  const repatriated = (['RoyalThaiEmbassy', 'IOM', 'Self', 'Agency'] as const)
    .map(
      (k) =>
        `${box(n.repatriatedBy === k)} ${escapeHtml(t.repatriatedByOptions[k])}${k === 'Agency' && n.repatriatedBy === 'Agency' && n.repatriatedByOther ? ` <span class="value">${escapeHtml(n.repatriatedByOther)}</span>` : ''}`,
    )
    .join('&emsp;');
  const returnTypes = (['Voluntary', 'Involuntary'] as const)
    .map((k) => `${box(n.returnType === k)} ${escapeHtml(t.returnTypes[k])}`)
    .join('&emsp;');
  const titles = (['Mr', 'Ms', 'Miss'] as const)
    .map((k) => `${box(n.title === k)} ${escapeHtml(t.titles[k])}`)
    .join('&ensp;');
  const button = options.printButton
    ? `<p class="noprint"><button type="button" id="print">${escapeHtml(t.print)}</button></p><script${options.nonce ? ` nonce="${escapeHtml(options.nonce)}"` : ''}>document.getElementById('print').addEventListener('click',function(){window.print();});</script>`
    : '';
  return `<!doctype html>
<html lang="${rightsFormLangTag(language)}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(t.formTitle)} · ${escapeHtml(data.caseCode)}</title>
<style>
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
html { font-family: ${FONT_STACKS[language]}; font-size: 10.5pt; line-height: 1.55; color: #000; }
body { margin: 0; }
h1 { font-size: 14pt; text-align: center; margin: 0 0 8pt; }
.meta { text-align: right; font-size: 8.5pt; color: #444; }
p, li { margin: 0 0 4pt; }
.field { display: inline-block; margin-right: 12pt; }
.label { font-weight: 600; }
.value { border-bottom: 1px dotted #000; padding: 0 4pt; min-width: 60pt; display: inline-block; }
.box { font-size: 12pt; }
ol { margin: 2pt 0 6pt 18pt; padding: 0; }
.section { margin-top: 8pt; }
.remark { font-size: 9pt; font-style: italic; }
.sigs { display: grid; grid-template-columns: 1fr 1fr; gap: 22pt 30pt; margin-top: 24pt; page-break-inside: avoid; }
.sig { text-align: center; }
.sig .line { border-bottom: 1px solid #000; height: 28pt; margin-bottom: 3pt; }
footer { margin-top: 18pt; border-top: 1px solid #000; padding-top: 4pt; font-size: 8.5pt; text-align: center; }
@media print { .noprint { display: none; } }
</style>
</head>
<body>
${button}
<div class="meta">${escapeHtml(data.caseCode)}</div>
<h1>${escapeHtml(t.formTitle)}</h1>
<p>${field(t.at, n.place)} ${field(t.date, n.notifiedOn)}</p>
<p><span class="label">${escapeHtml(t.titleLabel)}</span> ${titles}</p>
<p>${field(t.name, data.personName)} ${field(t.age, data.age == null ? null : `${data.age} ${t.years}`)} ${field(t.nationality, data.nationality)}</p>
<p>${field(t.idDocument, data.idDocument)}</p>
${data.returningFrom ? `<p>${field(t.returningFrom, data.returningFrom)}</p>` : ''}
<p>${field(t.identifiedBy, n.identifiedByAgency)} ${field(t.country, data.identifiedIn)}</p>
<p><span class="label">${escapeHtml(t.repatriatedBy)}</span><br>${repatriated}</p>
<p><span class="label">${escapeHtml(t.returnType)}</span> ${returnTypes}</p>
<div class="section">
<p>${escapeHtml(t.rightsIntro)}</p>
<ol>${t.rights.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ol>
<p>${box(n.acknowledged)} ${escapeHtml(t.acknowledgement)}</p>
</div>
<div class="section">
<p>${box(!n.wishesProtection)} ${escapeHtml(t.declineProtection)} <span class="value">${n.wishesProtection ? '&nbsp;' : escapeHtml(n.declineReason ?? '')}</span></p>
<p>&emsp;${field(t.contactMe, n.wishesProtection ? null : n.contact)}</p>
<p class="remark">&emsp;${escapeHtml(t.declineRemark)}</p>
<p>${box(n.wishesProtection)} ${escapeHtml(t.wishProtection)} <span class="value">${n.wishesProtection ? escapeHtml(n.shelterName ?? '') : '&nbsp;'}</span> ${escapeHtml(t.abideRules)}</p>
<p class="remark">${escapeHtml(t.entitlementsProtected)}<br>${escapeHtml(t.entitlementsNotProtected)}</p>
</div>
<div class="sigs">
${signature(t.signatures.assistedPerson, data.personName)}
${signature(t.signatures.witness, n.witnessName)}
${signature(t.signatures.official, n.officialName)}
${signature(t.signatures.witnessInterpreter, n.interpreterName)}
</div>
<footer>${escapeHtml(t.footer)}</footer>
</body>
</html>`;
}
