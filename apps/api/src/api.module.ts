import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { AgreementsModule } from '@accord/agreements';
import { ChannelsModule } from '@accord/channels';
import { AuditCheckpointHealthIndicator, AuditModule } from '@accord/audit';
import { type AppConfig, ConfigModule } from '@accord/config';
import { HealthModule } from '@accord/health';
import { HttpExceptionFilter, strictValidationPipe } from '@accord/http';
import { IdentityModule } from '@accord/identity';
import { JobsModule, JobsWorkerModule } from '@accord/jobs';
import { KeyRotationModule } from '@accord/key-rotation';
import { PolicyGuard } from '@accord/policy';
import { ReportsModule } from '@accord/reports';
import { AccordDatabaseModule } from '@accord/schema';
import { NotifyModule } from '@accord/notify';
import { CommunityConcernsModule, SharingModule } from '@accord/sharing';
import { ReferralsModule } from '@accord/referrals';

/**
 * The API's composition root: it only wires lib modules together. Cross-cutting rules are global
 * here — the policy guard (deny by default), strict validation and the one exception filter. With
 * RUN_WORKER_IN_PROCESS (always so without Redis) the job machinery runs in this process too, with
 * the same handlers the worker app runs.
 */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, extra: DynamicModule['imports'] = []): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        DiscoveryModule,
        AccordDatabaseModule,
        AuditModule,
        JobsModule,
        HealthModule.forRoot({ imports: [AuditModule], indicators: [AuditCheckpointHealthIndicator] }),
        IdentityModule,
        AgreementsModule,
        // Before SharingModule: its `inbox/:disclosureId` route would otherwise catch `inbox/stream`.
        NotifyModule,
        SharingModule,
        ReferralsModule,
        // After ReferralsModule: where its route always stood in the OpenAPI document.
        CommunityConcernsModule,
        ReportsModule,
        ChannelsModule,
        // For its job handler (the re-encryption pass) when jobs run in-process.
        KeyRotationModule,
        ...(config.runWorkerInProcess ? [JobsWorkerModule.forRoot()] : []),
        ...extra,
      ],
      providers: [
        { provide: APP_GUARD, useClass: PolicyGuard },
        { provide: APP_PIPE, useFactory: strictValidationPipe },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    };
  }
}
