import { type DynamicModule, Module } from '@nestjs/common';
import { AgreementsModule } from '@accord/agreements';
import { ChannelsModule } from '@accord/channels';
import { AuditModule } from '@accord/audit';
import { type AppConfig, ConfigModule } from '@accord/config';
import { IdentityModule } from '@accord/identity';
import { JobsWorkerModule } from '@accord/jobs';
import { KeyRotationModule } from '@accord/key-rotation';
import { AccordDatabaseModule } from '@accord/schema';
import { NotifyModule } from '@accord/notify';
import { SharingModule } from '@accord/sharing';
import { ReferralsModule } from '@accord/referrals';

/**
 * The worker's composition root: configuration, the application's database connection, the
 * feature modules that hold `@JobHandler`s, and the job machinery (relay + runner + registry).
 * A feature whose jobs this process must run is imported here; the registry refuses to start
 * if any job is left without a handler.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        AccordDatabaseModule,
        AuditModule,
        // Identity is global and gives the clock and the secret box the features use.
        IdentityModule,
        AgreementsModule,
        SharingModule,
        ReferralsModule,
        ChannelsModule,
        NotifyModule,
        KeyRotationModule,
        JobsWorkerModule.forRoot(),
      ],
    };
  }
}
