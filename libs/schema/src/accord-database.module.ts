import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@accord/config';
import { accordDataSourceOptions } from './data-source-options';

/** The application's connection (least-privileged role) for Nest, from the validated config. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        if (!config.databaseUrl) throw new Error('databaseUrl must be resolved before the database module starts');
        return {
          ...accordDataSourceOptions({
            url: config.databaseUrl,
            poolSize: config.databasePoolSize,
            connectTimeoutMs: config.databaseConnectTimeoutMs,
            statementTimeoutMs: config.databaseStatementTimeoutMs,
            applicationName: 'accord',
          }),
          // Boot fails fast rather than retrying for minutes when the database is missing.
          retryAttempts: 2,
          retryDelay: 500,
        };
      },
    }),
  ],
})
export class AccordDatabaseModule {}
