// The Blob that HTTPResponse.getBlob()/getAs() return: bytes, a content type and a name. Only the
// members a response blob needs; the rest throw through guarded().
import { guarded } from '../../platform';
import { decode, toSignedBytes } from './bytes';

export function createResponseBlob(bytes: Uint8Array, contentType: string | null, name: string | null): GoogleAppsScript.Base.Blob {
  let currentType = contentType;
  let currentName = name;
  const blob = {
    getBytes: () => toSignedBytes(bytes),
    getDataAsString: (charset?: string) => decode(bytes, charset ?? 'utf-8'),
    getContentType: () => currentType,
    setContentType: (type: string | null) => {
      currentType = type;
      return self;
    },
    getName: () => currentName,
    setName: (value: string) => {
      currentName = value;
      return self;
    },
    copyBlob: () => createResponseBlob(bytes, currentType, currentName),
    getBlob: () => self,
    isGoogleType: () => false,
    getAs: (type: string) => convertBlob(bytes, currentType, currentName, type),
  };
  const self = guarded('Blob', blob) as unknown as GoogleAppsScript.Base.Blob;
  return self;
}

/** Only the identity conversion exists locally; Google's PDF/image conversions are not simulated. */
export function convertBlob(bytes: Uint8Array, contentType: string | null, name: string | null, target: string): GoogleAppsScript.Base.Blob {
  const base = (t: string | null) => (t ?? '').split(';')[0].trim().toLowerCase();
  if (base(target) !== base(contentType)) {
    throw new Error(`not implemented in the local runtime: Blob.getAs(${target}) from ${contentType ?? 'unknown type'}`);
  }
  return createResponseBlob(bytes, contentType, name);
}
