/**
 * mammoth's HTML made safe to show: only the tags a Word document needs, no event handler or style
 * attribute, no link that navigates, and pictures only as inline PNG/JPEG/GIF data — so a document can
 * neither run a script nor make the window fetch anything.
 */
import DOMPurify from 'dompurify';

const INLINE_IMAGE = /^data:image\/(?:png|jpeg|gif);base64,[a-z0-9+/=\s]*$/i;

const purifier = DOMPurify(window);
purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') node.removeAttribute('href');
  if (node.tagName === 'IMG' && !INLINE_IMAGE.test(node.getAttribute('src') ?? '')) node.remove();
});

export function sanitizeDocxHtml(html: string): DocumentFragment {
  return purifier.sanitize(html, {
    ALLOWED_TAGS: ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'br',
      'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'img', 'a', 'span', 'div', 'blockquote', 'pre', 'code'],
    ALLOWED_ATTR: ['src', 'alt', 'colspan', 'rowspan'],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
}
