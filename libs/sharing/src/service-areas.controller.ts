import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, JSON_BODY_ERRORS } from '@accord/http';
import { Action, Auth, type AuthContext, Authorize } from '@accord/policy';
import { ServiceAreaCollectionDto } from './service-areas.dto';
import { ServiceAreasService } from './service-areas.service';

@ApiTags('service-areas')
@Controller('service-areas')
export class ServiceAreasController {
  constructor(private readonly areas: ServiceAreasService) {}

  @Get()
  @Authorize(Action.Read, 'ServiceArea')
  @ApiOperation({ summary: "The organization's service areas (GeoJSON polygons with a code and a name)" })
  @ApiOkResponse({ type: ServiceAreaCollectionDto })
  @ApiErrorResponses()
  list(@Auth() auth: AuthContext): Promise<ServiceAreaCollectionDto> {
    return this.areas.list(auth);
  }

  @Put()
  @Authorize(Action.Update, 'ServiceArea')
  @ApiOperation({ summary: "Replace the organization's service areas (validated; all or nothing; audited)" })
  @ApiOkResponse({ type: ServiceAreaCollectionDto })
  @ApiErrorResponses(...JSON_BODY_ERRORS, 422)
  replace(@Auth() auth: AuthContext, @Body() dto: ServiceAreaCollectionDto): Promise<ServiceAreaCollectionDto> {
    return this.areas.replace(auth, dto);
  }
}
