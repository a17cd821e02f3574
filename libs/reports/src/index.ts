export * from './suppression';
export * from './report.dto';
export * from './reports.service';
export * from './reports.controller';
export * from './reports.module';
