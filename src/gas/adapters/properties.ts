// PropertiesService stores as the core's KeyValueStore.
import type { KeyValueStore } from '../../core/ports';

export function propertiesStore(properties: GoogleAppsScript.Properties.Properties): KeyValueStore {
  return {
    get: (key) => properties.getProperty(key),
    getAll: () => properties.getProperties(),
    set: (key, value) => void properties.setProperty(key, value),
    setAll: (values) => void properties.setProperties(values),
    delete: (key) => void properties.deleteProperty(key),
  };
}
