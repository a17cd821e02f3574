import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@accord/config';
import { AgreementsModule } from '@accord/agreements';
import { AuditModule } from '@accord/audit';
import { IdentityModule } from '@accord/identity';
import { JobsModule } from '@accord/jobs';
import { KeyRotationModule } from '@accord/key-rotation';
import { AccordDatabaseModule } from '@accord/schema';

/** What the operator's command line needs: configuration, the database and the identity services. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: CliModule, imports: [ConfigModule.forRoot(config), AccordDatabaseModule, IdentityModule] };
  }
}

/** `rotate-keys`: the re-encryption pass of a key rotation, run once from the command line. */
@Module({})
export class KeyRotationCliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: KeyRotationCliModule,
      imports: [
        ConfigModule.forRoot(config),
        AccordDatabaseModule,
        IdentityModule,
        AuditModule,
        JobsModule,
        AgreementsModule,
        KeyRotationModule,
      ],
    };
  }
}
