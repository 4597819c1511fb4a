// Every function the sidebar calls runs through serve(): a failure reaches the browser as
// "[sheetgram:<kind>] <sentence>", with the deployer's secrets and any token removed.
import { toSidebarError } from '../core/sidebar/errors';

/** The app secrets, so that no message can quote them (tokens are redacted by pattern and by value upstream). */
function secrets(): string[] {
  try {
    const props = PropertiesService.getScriptProperties().getProperties();
    return Object.keys(props).filter((k) => /SECRET/.test(k)).map((k) => props[k]);
  } catch {
    return [];
  }
}

export function serve<T>(body: () => T): T {
  try {
    return body();
  } catch (e) {
    throw toSidebarError(e, secrets());
  }
}
