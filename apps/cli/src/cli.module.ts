import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@accord/config';
import { IdentityModule } from '@accord/identity';
import { AccordDatabaseModule } from '@accord/schema';

/** What the operator's command line needs: configuration, the database and the identity services. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: CliModule, imports: [ConfigModule.forRoot(config), AccordDatabaseModule, IdentityModule] };
  }
}
