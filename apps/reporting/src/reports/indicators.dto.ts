import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IndicatorLinks } from '../drilldown/drilldown-links.js';
import { RatioView } from './ratio.view.js';
import { ReportCoverage } from './report-context.js';

export class ChannelCounts {
  @ApiProperty({ description: 'Received online.' })
  online: number;

  @ApiProperty({ description: 'Received at the counter.' })
  counter: number;

  @ApiProperty({ description: 'Received by public post.' })
  post: number;
}

export class OnTheSpotFigures {
  @ApiProperty({ description: 'Dossiers received in the period at the counter for a procedure eligible for "4 tại chỗ".' })
  eligibleReceived: number;

  @ApiProperty({ description: '"4 tại chỗ" dossiers finished the day they were received (received, appraised, approved and returned on the spot).' })
  handled: number;

  @ApiProperty({ type: RatioView, description: 'handled ÷ eligibleReceived.' })
  handledShareOfEligible: RatioView;

  @ApiProperty({ type: RatioView, description: 'handled ÷ all dossiers received in the period.' })
  handledShareOfReceived: RatioView;

  @ApiProperty({ type: RatioView, nullable: true, description: 'Procedures eligible for "4 tại chỗ" ÷ procedures in force at the end of the period (the total only; null in rows).' })
  eligibleProcedures: RatioView | null;
}

export class PostFigures {
  @ApiProperty({ type: RatioView, description: 'Dossiers received by public post ÷ dossiers received.' })
  receivedByPost: RatioView;

  @ApiProperty({ type: RatioView, description: 'Results handed to the post for delivery (workflow ResultReady with delivery by post) ÷ results issued, in the period.' })
  resultsByPost: RatioView;

  @ApiProperty({ type: RatioView, description: 'Results the post delivered in the period (postal ShipmentStatusChanged "delivered") ÷ results handed to the post in the period.' })
  resultsDeliveredByPost: RatioView;

  @ApiProperty({ description: 'Results sent by post in the period: delivery shipments postal registered for them (postal ShipmentRegistered of a result delivery), on the day of registration, whether or not the carrier has accepted the order yet.', example: 3726 })
  resultsSent: number;

  @ApiProperty({ description: 'Results the post delivered to the applicant in the period (postal ShipmentStatusChanged "delivered"), whenever they were sent; the numerator of `resultsDeliveredByPost`.', example: 3671 })
  resultsDelivered: number;

  @ApiProperty({ description: 'Results the post brought back to the agency in the period, undelivered after the allowed attempts (postal ShipmentStatusChanged "returned_to_sender"), whenever they were sent; the applicant collects them at the counter.', example: 38 })
  resultsReturnedToAgency: number;
}

export class SatisfactionFigures {
  @ApiProperty({ description: 'Ratings given in the period (1-5, once per dossier).' })
  ratings: number;

  @ApiProperty({ type: RatioView, description: 'Average score: rating points ÷ ratings (on the 1-5 scale, not a share).' })
  averageScore: RatioView;

  @ApiProperty({ type: RatioView, description: 'Satisfied (score 4 or 5) ÷ ratings.' })
  satisfied: RatioView;
}

export class ComplaintFigures {
  @ApiProperty({ description: 'Complaints and petitions (phản ánh, kiến nghị) filed in the period.' })
  filed: number;

  @ApiProperty({ description: 'Complaints answered in the period (whenever filed).' })
  answered: number;

  @ApiProperty({ type: RatioView, description: 'Complaints filed ÷ dossiers received, in the period.' })
  perDossierReceived: RatioView;
}

export class ResultFigures {
  @ApiProperty({ description: 'Results issued in the period.' })
  issued: number;

  @ApiProperty({ type: RatioView, description: 'Results issued electronically ÷ results issued.' })
  electronic: RatioView;
}

export class IndicatorFigures {
  @ApiProperty({ description: 'Dossiers received in the period.' })
  received: number;

  @ApiProperty({ type: ChannelCounts })
  channels: ChannelCounts;

  @ApiProperty({ type: RatioView, description: 'Online share of dossiers: received online ÷ received.' })
  onlineShare: RatioView;

  @ApiProperty({ type: OnTheSpotFigures })
  onTheSpot: OnTheSpotFigures;

  @ApiProperty({ type: PostFigures })
  post: PostFigures;

  @ApiProperty({ type: ResultFigures })
  results: ResultFigures;

  @ApiProperty({ type: SatisfactionFigures })
  satisfaction: SatisfactionFigures;

  @ApiProperty({ type: ComplaintFigures })
  complaints: ComplaintFigures;

  @ApiProperty({
    type: IndicatorLinks,
    description: 'Each count of dossiers\' list (`GET /reports/indicators/dossiers`, same period, scope and row), exactly as long as the figure (and as the numerators and denominators that are these counts).',
  })
  links: Record<string, string>;
}

export class IndicatorRow extends IndicatorFigures {
  @ApiProperty({ description: 'The group: an agency, field, level or procedure code.' })
  key: string;
}

export class IndicatorsReport extends ReportCoverage {
  @ApiProperty({ nullable: true, type: String })
  groupBy: string | null;

  @ApiProperty({ type: [IndicatorRow] })
  rows: IndicatorRow[];

  @ApiProperty({ type: IndicatorFigures })
  total: IndicatorFigures;

  @ApiPropertyOptional({ type: () => IndicatorsReport, description: 'With `compare=previousYear`: the same report for the same days a year earlier.' })
  previous?: IndicatorsReport;
}
