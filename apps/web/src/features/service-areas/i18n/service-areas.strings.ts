import type { Translation } from '@/lib/i18n/i18n';

/** The service-areas feature's words (namespace `serviceAreas`): the org admin's upload of the areas. */
export const serviceAreasEn = {
  title: 'Service areas',
  intro:
    'Your organization’s service areas: the places incidents are recorded in and agreements’ flows name. A liaison ' +
    'places an incident on this map, and its area is the one holding the point.',
  table: {
    code: 'Code',
    name: 'Name',
    caption: 'Areas: {{count}}',
  },
  current: {
    heading: 'Current areas',
    mapLabel: 'Map of your organization’s service areas: {{codes}}. The table below lists them.',
    none: 'No service areas are loaded yet. Until they are, incidents cannot be placed on a map.',
  },
  upload: {
    heading: 'Upload a GeoJSON file',
    file: 'GeoJSON file',
    hint:
      'A .geojson FeatureCollection of Polygon or MultiPolygon features, each with the properties "code" (letters, ' +
      'digits, "_" or "-") and "name". At most {{kilobytes}} kB. Saving replaces every current area.',
    tooLarge: '{{fileName}} is {{kilobytes}} kB; the most Accord takes is {{max}} kB. Nothing was changed.',
    notJson: '{{fileName}} is not valid JSON. Nothing was changed.',
    notJsonAt: '{{fileName}} is not valid JSON: it stops at line {{line}}, column {{column}}. Nothing was changed.',
    notCollection:
      '{{fileName}} is JSON but not a GeoJSON FeatureCollection (its "type" must be "FeatureCollection", with a ' +
      '"features" list). Nothing was changed.',
    noFeatures: '{{fileName}} holds no areas. Nothing was changed.',
    unreadable: 'The file could not be read. Nothing was changed.',
  },
  preview: {
    heading: 'Preview: {{fileName}}',
    note: 'Not saved yet. Saving replaces every current area of your organization with the areas of this file.',
    mapLabel: 'Map of the areas in the uploaded file: {{codes}}. The table below lists them.',
    undrawable: 'Features the map cannot draw: {{count}}. Saving names the first one that is not valid.',
    save: 'Save these areas',
    discard: 'Discard',
    saved: 'Saved: your organization’s service areas are now those of {{fileName}}.',
  },
  refused: {
    feature: 'Feature {{number}} in the file (code {{code}}): {{problem}}. Nothing was changed.',
    featureNoCode: 'Feature {{number}} in the file: {{problem}}. Nothing was changed.',
    file: 'The file: {{problem}}. Nothing was changed.',
  },
  problem: {
    notFeature: 'it is not a GeoJSON Feature',
    notCollection: 'it must be a GeoJSON FeatureCollection',
    code: 'its "code" must be 1–32 letters, digits, "_" or "-"',
    name: 'its "name" must be 1–100 characters',
    duplicate: 'its code repeats another area’s code',
    geometry: 'its geometry must be a Polygon or a MultiPolygon',
    noPolygon: 'its geometry holds no polygon',
    noRing: 'a polygon holds no ring',
    fewPositions: 'a ring has fewer than four positions',
    position: 'a position is not [longitude, latitude] in numbers',
    range: 'a position lies outside longitudes −180 to 180 or latitudes −90 to 90',
    openRing: 'a ring is not closed (its last position must repeat its first)',
    tooManyAreas: 'it holds more areas than Accord takes (200)',
    tooManyPositions: 'it holds more positions than Accord takes (50,000 in all)',
  },
};

export const serviceAreasEs: Translation<typeof serviceAreasEn> = {
  title: 'Zonas de servicio',
  intro:
    'Las zonas de servicio de su organización: los lugares en que se registran los incidentes y que nombran los ' +
    'flujos de los acuerdos. Un enlace sitúa un incidente en este mapa, y su zona es la que contiene el punto.',
  table: {
    code: 'Código',
    name: 'Nombre',
    caption: 'Zonas: {{count}}',
  },
  current: {
    heading: 'Zonas actuales',
    mapLabel: 'Mapa de las zonas de servicio de su organización: {{codes}}. La tabla de abajo las enumera.',
    none: 'Aún no hay zonas de servicio cargadas. Mientras no las haya, los incidentes no pueden situarse en un mapa.',
  },
  upload: {
    heading: 'Subir un archivo GeoJSON',
    file: 'Archivo GeoJSON',
    hint:
      'Una FeatureCollection .geojson de entidades Polygon o MultiPolygon, cada una con las propiedades "code" ' +
      '(letras, dígitos, "_" o "-") y "name". Como máximo {{kilobytes}} kB. Guardar reemplaza todas las zonas ' +
      'actuales.',
    tooLarge: '{{fileName}} ocupa {{kilobytes}} kB; Accord admite como máximo {{max}} kB. No se cambió nada.',
    notJson: '{{fileName}} no es JSON válido. No se cambió nada.',
    notJsonAt:
      '{{fileName}} no es JSON válido: se interrumpe en la línea {{line}}, columna {{column}}. No se cambió nada.',
    notCollection:
      '{{fileName}} es JSON pero no una FeatureCollection GeoJSON (su "type" debe ser "FeatureCollection", con una ' +
      'lista "features"). No se cambió nada.',
    noFeatures: '{{fileName}} no contiene zonas. No se cambió nada.',
    unreadable: 'No se pudo leer el archivo. No se cambió nada.',
  },
  preview: {
    heading: 'Vista previa: {{fileName}}',
    note:
      'Aún no se ha guardado. Guardar reemplaza todas las zonas actuales de su organización por las de este ' +
      'archivo.',
    mapLabel: 'Mapa de las zonas del archivo subido: {{codes}}. La tabla de abajo las enumera.',
    undrawable: 'Entidades que el mapa no puede dibujar: {{count}}. Al guardar se nombra la primera que no es válida.',
    save: 'Guardar estas zonas',
    discard: 'Descartar',
    saved: 'Guardado: las zonas de servicio de su organización son ahora las de {{fileName}}.',
  },
  refused: {
    feature: 'Entidad {{number}} del archivo (código {{code}}): {{problem}}. No se cambió nada.',
    featureNoCode: 'Entidad {{number}} del archivo: {{problem}}. No se cambió nada.',
    file: 'El archivo: {{problem}}. No se cambió nada.',
  },
  problem: {
    notFeature: 'no es una Feature GeoJSON',
    notCollection: 'debe ser una FeatureCollection GeoJSON',
    code: 'su "code" debe tener de 1 a 32 letras, dígitos, "_" o "-"',
    name: 'su "name" debe tener de 1 a 100 caracteres',
    duplicate: 'su código repite el de otra zona',
    geometry: 'su geometría debe ser un Polygon o un MultiPolygon',
    noPolygon: 'su geometría no contiene ningún polígono',
    noRing: 'un polígono no contiene ningún anillo',
    fewPositions: 'un anillo tiene menos de cuatro posiciones',
    position: 'una posición no es [longitud, latitud] en números',
    range: 'una posición está fuera de las longitudes −180 a 180 o las latitudes −90 a 90',
    openRing: 'un anillo no está cerrado (su última posición debe repetir la primera)',
    tooManyAreas: 'contiene más zonas de las que Accord admite (200)',
    tooManyPositions: 'contiene más posiciones de las que Accord admite (50.000 en total)',
  },
};

declare module 'i18next' {
  interface ResourceNamespaceMap {
    serviceAreas: typeof serviceAreasEn;
  }
}
