import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn } from 'class-validator';
import { MAX_SERVICE_AREAS, type ServiceAreaFeature } from './service-areas';

export class ServiceAreaPropertiesDto {
  @ApiProperty({ pattern: '^[A-Za-z0-9_-]{1,32}$', description: 'The code incidents and flows use (e.g. "D14")' })
  code!: string;
  @ApiProperty({ minLength: 1, maxLength: 100 })
  name!: string;
}

export class ServiceAreaGeometryDto {
  @ApiProperty({ enum: ['Polygon', 'MultiPolygon'] })
  type!: 'Polygon' | 'MultiPolygon';
  @ApiProperty({
    description:
      'GeoJSON coordinates: a Polygon is rings of [longitude, latitude] positions, a MultiPolygon a list of those',
    type: 'array',
    items: {},
  })
  coordinates!: unknown[];
}

export class ServiceAreaFeatureDto {
  @ApiProperty({ enum: ['Feature'] })
  type!: 'Feature';
  @ApiProperty({ type: () => ServiceAreaPropertiesDto })
  properties!: ServiceAreaPropertiesDto;
  @ApiProperty({ type: () => ServiceAreaGeometryDto })
  geometry!: ServiceAreaGeometryDto;
}

/**
 * An organization's service areas as a GeoJSON FeatureCollection. The features' content is checked
 * by `serviceAreaProblem` (service-areas.ts): one check, with the first problem named.
 */
export class ServiceAreaCollectionDto {
  @ApiProperty({ enum: ['FeatureCollection'] })
  @IsIn(['FeatureCollection'])
  type!: 'FeatureCollection';
  @ApiProperty({ type: () => [ServiceAreaFeatureDto], maxItems: MAX_SERVICE_AREAS })
  @IsArray()
  @ArrayMaxSize(MAX_SERVICE_AREAS)
  features!: ServiceAreaFeature[];
}
