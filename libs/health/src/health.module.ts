import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HEALTH_INDICATORS, type HealthIndicator, HealthService } from './health.service';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type IndicatorClass = new (...args: any[]) => HealthIndicator;

@Module({})
export class HealthModule {
  /**
   * `indicators` are provider classes from other modules (imported in `imports`) that add checks,
   * e.g. the audit checkpoint age.
   */
  static forRoot(options: { imports?: DynamicModule['imports']; indicators?: IndicatorClass[] } = {}): DynamicModule {
    const indicators = options.indicators ?? [];
    const providers: Provider[] = [
      HealthService,
      { provide: HEALTH_INDICATORS, inject: indicators, useFactory: (...found: HealthIndicator[]) => found },
    ];
    return { module: HealthModule, imports: options.imports ?? [], controllers: [HealthController], providers };
  }
}
