// GOV.UK Frontend's "JavaScript is on" classes, set before the page is drawn. A file rather than inline script,
// so that the Content-Security-Policy allows no inline script at all (ADR 0063).
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
