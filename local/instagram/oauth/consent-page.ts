// The HTML of the consent pages: a real page a person or a browser test can use (choose an account,
// Allow or Cancel), and the error pages Instagram and Facebook show instead of redirecting.

export interface ConsentPerson {
  id: string;
  label: string;
  detail: string;
}

export interface ConsentPageInput {
  brand: 'Instagram' | 'Facebook';
  appName: string;
  action: string;
  hidden: Record<string, string>;
  scopes: string[];
  /** One person: "Continue as"; several: a chooser. */
  people: ConsentPerson[];
  remembered: boolean;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
fieldset{border:1px solid #ccc;border-radius:8px}button{font-size:1rem;padding:.5rem 1.2rem;margin-right:.5rem}
.error{color:#b00020}</style></head>
<body>${body}</body></html>`;
}

export function consentPage(input: ConsentPageInput): string {
  const hidden = Object.entries(input.hidden)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n');
  const who = input.remembered
    ? `<p id="continue-as">Continue as <strong>${escapeHtml(input.people[0].label)}</strong> (${escapeHtml(input.people[0].detail)})</p>
<input type="hidden" name="account" value="${escapeHtml(input.people[0].id)}">`
    : `<fieldset id="accounts"><legend>Log in as</legend>
${input.people
  .map(
    (p, i) =>
      `<label><input type="radio" name="account" value="${escapeHtml(p.id)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(p.label)} <small>${escapeHtml(p.detail)}</small></label><br>`,
  )
  .join('\n')}
</fieldset>`;
  const scopes = input.scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
  return page(
    `Log in with ${input.brand}`,
    `<h1>${escapeHtml(input.brand)}</h1>
<p><strong>${escapeHtml(input.appName)}</strong> would like to access:</p>
<ul id="scopes">${scopes}</ul>
<form method="post" action="${escapeHtml(input.action)}">
${hidden}
${who}
<p><button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Cancel</button></p>
</form>`,
  );
}

export function errorPage(brand: 'Instagram' | 'Facebook', message: string): string {
  return page(`${brand}: error`, `<h1>${escapeHtml(brand)}</h1><p class="error" id="error">${escapeHtml(message)}</p>`);
}
