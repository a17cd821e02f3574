import { Module } from '@nestjs/common';
import { AuditModule } from '@accord/audit';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** The partnership board's reports; agreements (BoardService) is a global module. */
@Module({
  imports: [AuditModule],
  controllers: [ReportsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
