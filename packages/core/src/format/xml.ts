/**
 * Text for XML 1.0 attribute values and element content. Characters XML 1.0 cannot carry at all
 * (C0 controls other than tab and line breaks, lone surrogates, U+FFFE/U+FFFF) become U+FFFD,
 * since a parser rejects the whole report on one of them. Line breaks and tabs in attributes are
 * written as character references, which attribute-value normalisation would otherwise turn into spaces.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
