// UrlFetchApp as the core's Transport. Always muteHttpExceptions, so a Graph error body reaches the
// Graph client intact instead of Google's truncated "Request failed" message.
import type { HttpRequest, HttpResponse, Transport } from '../../core/ports';

function toParams(request: HttpRequest): GoogleAppsScript.URL_Fetch.URLFetchRequest {
  const params: GoogleAppsScript.URL_Fetch.URLFetchRequest = {
    url: request.url,
    method: request.method.toLowerCase() as GoogleAppsScript.URL_Fetch.HttpMethod,
    muteHttpExceptions: true,
    followRedirects: true,
    headers: request.headers ?? {},
  };
  if (request.body !== undefined) params.payload = request.body;
  return params;
}

function fromResponse(response: GoogleAppsScript.URL_Fetch.HTTPResponse): HttpResponse {
  const headers: Record<string, string> = {};
  const raw = response.getHeaders() as Record<string, string>;
  for (const name of Object.keys(raw)) headers[name.toLowerCase()] = String(raw[name]);
  return { status: response.getResponseCode(), headers, body: response.getContentText() };
}

export const urlFetchTransport: Transport = {
  send(request) {
    const { url, ...params } = toParams(request);
    return fromResponse(UrlFetchApp.fetch(url, params));
  },
  sendAll(requests) {
    if (requests.length === 0) return [];
    return UrlFetchApp.fetchAll(requests.map(toParams)).map(fromResponse);
  },
};
