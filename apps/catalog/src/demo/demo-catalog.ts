import type { DocumentForm, OnlineLevel, OnlineMode, ProcessingTime } from '@onestop/domain';
import type { DecisionDto, ProcedureContentDto, RequiredDocumentDto } from '../procedures/procedure.dto.js';

export interface DemoAgency {
  code: string;
  name: string;
  address: string | null;
  levelCode: 'province' | 'district' | 'commune';
  parentCode: string | null;
  onlineOnlyWeekdays: number[];
}

export interface DemoProcedure {
  code: string;
  decision: DecisionDto;
  procedure: ProcedureContentDto;
}

export interface DemoCatalog {
  agencies: DemoAgency[];
  fields: Array<{ code: string; name: string }>;
  procedures: DemoProcedure[];
}

const PROVINCE = '000.00.00.H56';
/** Trung tâm Phục vụ hành chính công: receives every provincial dossier. */
const SERVICE_CENTRE = '000.00.01.H56';

/** Provincial departments (sở) and the fields each is competent for. */
const DEPARTMENTS: Array<{ code: string; name: string; fields: string[]; onlineOnlyWeekdays?: number[] }> = [
  { code: '000.00.02.H56', name: 'Sở Tư pháp', fields: ['TP-HT', 'TP-LLTP', 'TP-CC'] },
  { code: '000.00.03.H56', name: 'Sở Kế hoạch và Đầu tư', fields: ['KH-DKDN', 'KH-DT'], onlineOnlyWeekdays: [2, 4] },
  { code: '000.00.04.H56', name: 'Sở Xây dựng', fields: ['XD-CP', 'XD-HD', 'GT-DB'] },
  { code: '000.00.05.H56', name: 'Sở Nông nghiệp và Môi trường', fields: ['TN-DD', 'TN-MT', 'NN-TY'] },
  { code: '000.00.06.H56', name: 'Sở Công Thương', fields: ['CT-TM', 'CT-ATTP'] },
  { code: '000.00.07.H56', name: 'Sở Y tế', fields: ['YT-KCB', 'YT-DUOC'] },
  { code: '000.00.08.H56', name: 'Sở Giáo dục và Đào tạo', fields: ['GD-DT'] },
  { code: '000.00.09.H56', name: 'Sở Nội vụ', fields: ['NV-LD', 'NV-TG'], onlineOnlyWeekdays: [3, 5] },
  { code: '000.00.10.H56', name: 'Sở Văn hóa, Thể thao và Du lịch', fields: ['VH-BD', 'VH-DL'] },
  { code: '000.00.11.H56', name: 'Sở Tài chính', fields: ['TC-GIA'] },
  { code: '000.00.12.H56', name: 'Sở Khoa học và Công nghệ', fields: ['KH-CN', 'TT-BC'] },
  { code: '000.00.13.H56', name: 'Sở Dân tộc và Tôn giáo', fields: ['DT-CS'] },
];

const FIELDS: Array<{ code: string; name: string }> = [
  { code: 'TP-HT', name: 'Hộ tịch' },
  { code: 'TP-LLTP', name: 'Lý lịch tư pháp' },
  { code: 'TP-CC', name: 'Công chứng, chứng thực' },
  { code: 'KH-DKDN', name: 'Thành lập và hoạt động của doanh nghiệp' },
  { code: 'KH-DT', name: 'Đầu tư tại Việt Nam' },
  { code: 'XD-CP', name: 'Cấp phép xây dựng' },
  { code: 'XD-HD', name: 'Hoạt động xây dựng' },
  { code: 'GT-DB', name: 'Đường bộ' },
  { code: 'TN-DD', name: 'Đất đai' },
  { code: 'TN-MT', name: 'Môi trường' },
  { code: 'NN-TY', name: 'Thú y' },
  { code: 'CT-TM', name: 'Thương mại' },
  { code: 'CT-ATTP', name: 'An toàn thực phẩm' },
  { code: 'YT-KCB', name: 'Khám bệnh, chữa bệnh' },
  { code: 'YT-DUOC', name: 'Dược phẩm' },
  { code: 'GD-DT', name: 'Giáo dục và đào tạo' },
  { code: 'NV-LD', name: 'Lao động, việc làm' },
  { code: 'NV-TG', name: 'Thi đua, khen thưởng' },
  { code: 'VH-BD', name: 'Nghệ thuật biểu diễn' },
  { code: 'VH-DL', name: 'Du lịch' },
  { code: 'TC-GIA', name: 'Quản lý giá' },
  { code: 'KH-CN', name: 'Hoạt động khoa học và công nghệ' },
  { code: 'TT-BC', name: 'Báo chí, xuất bản' },
  { code: 'DT-CS', name: 'Công tác dân tộc' },
];

/** What a procedure is about, per field; each is combined with a few actions below. */
const SUBJECTS: Record<string, string[]> = {
  'TP-HT': ['đăng ký khai sinh có yếu tố nước ngoài', 'đăng ký kết hôn có yếu tố nước ngoài', 'đăng ký khai tử có yếu tố nước ngoài', 'đăng ký nhận cha, mẹ, con'],
  'TP-LLTP': ['phiếu lý lịch tư pháp cho công dân Việt Nam', 'phiếu lý lịch tư pháp cho người nước ngoài'],
  'TP-CC': ['thẻ công chứng viên', 'giấy đăng ký hoạt động văn phòng công chứng'],
  'KH-DKDN': ['giấy chứng nhận đăng ký doanh nghiệp tư nhân', 'giấy chứng nhận đăng ký công ty trách nhiệm hữu hạn', 'giấy chứng nhận đăng ký công ty cổ phần', 'giấy chứng nhận đăng ký hoạt động chi nhánh'],
  'KH-DT': ['giấy chứng nhận đăng ký đầu tư', 'quyết định chủ trương đầu tư'],
  'XD-CP': ['giấy phép xây dựng công trình cấp đặc biệt, cấp I, cấp II', 'giấy phép xây dựng nhà ở riêng lẻ', 'giấy phép di dời công trình'],
  'XD-HD': ['chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III', 'chứng chỉ năng lực hoạt động xây dựng'],
  'GT-DB': ['giấy phép lái xe', 'giấy phép kinh doanh vận tải bằng xe ô tô', 'phù hiệu xe ô tô kinh doanh vận tải', 'giấy phép lái xe quốc tế'],
  'TN-DD': ['giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', 'chuyển mục đích sử dụng đất', 'giao đất, cho thuê đất'],
  'TN-MT': ['giấy phép môi trường', 'giấy phép khai thác nước mặt', 'giấy phép xả nước thải vào nguồn nước'],
  'NN-TY': ['giấy chứng nhận đủ điều kiện vệ sinh thú y', 'chứng chỉ hành nghề thú y'],
  'CT-TM': ['giấy phép bán lẻ rượu', 'giấy phép bán buôn sản phẩm thuốc lá', 'giấy chứng nhận đủ điều kiện cửa hàng bán lẻ xăng dầu'],
  'CT-ATTP': ['giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm'],
  'YT-KCB': ['giấy phép hoạt động khám bệnh, chữa bệnh', 'giấy phép hành nghề khám bệnh, chữa bệnh'],
  'YT-DUOC': ['chứng chỉ hành nghề dược', 'giấy chứng nhận đủ điều kiện kinh doanh dược'],
  'GD-DT': ['giấy phép hoạt động giáo dục', 'bản sao văn bằng, chứng chỉ từ sổ gốc', 'giấy phép tổ chức hoạt động dạy thêm, học thêm'],
  'NV-LD': ['giấy phép lao động cho người nước ngoài', 'giấy phép hoạt động dịch vụ việc làm'],
  'NV-TG': ['bằng khen của Chủ tịch Ủy ban nhân dân tỉnh', 'danh hiệu Chiến sĩ thi đua cấp tỉnh'],
  'VH-BD': ['văn bản chấp thuận tổ chức biểu diễn nghệ thuật', 'giấy phép tổ chức lễ hội'],
  'VH-DL': ['thẻ hướng dẫn viên du lịch nội địa', 'giấy phép kinh doanh dịch vụ lữ hành nội địa'],
  'TC-GIA': ['hiệp thương giá', 'đăng ký giá'],
  'KH-CN': ['giấy chứng nhận đăng ký hoạt động khoa học và công nghệ', 'giấy phép tiến hành công việc bức xạ'],
  'TT-BC': ['giấy phép xuất bản bản tin', 'giấy phép hoạt động in'],
  'DT-CS': ['công nhận người có uy tín trong đồng bào dân tộc thiểu số'],
};

const ACTIONS = ['Cấp', 'Cấp lại', 'Cấp đổi', 'Điều chỉnh', 'Gia hạn'];

/** District-level (until 2025) and commune-level procedures, handled by every such unit; district ones with their field. */
const DISTRICT_PROCEDURES: Array<[name: string, fieldCode: string]> = [
  ['Đăng ký kinh doanh hộ kinh doanh', 'KH-DKDN'], ['Cấp giấy phép xây dựng nhà ở riêng lẻ tại đô thị', 'XD-CP'], ['Đăng ký thay đổi nội dung hộ kinh doanh', 'KH-DKDN'], ['Chấm dứt hoạt động hộ kinh doanh', 'KH-DKDN'],
  ['Cấp giấy chứng nhận đủ điều kiện an toàn thực phẩm cho cơ sở nhỏ lẻ', 'CT-ATTP'], ['Đăng ký khai sinh lưu động', 'TP-HT'], ['Cấp bản sao trích lục hộ tịch', 'TP-HT'], ['Chứng thực hợp đồng, giao dịch liên quan đến tài sản', 'TP-CC'],
  ['Thẩm định hồ sơ đề nghị trợ cấp xã hội hằng tháng', 'NV-LD'], ['Công nhận gia đình văn hóa', 'NV-TG'], ['Giải quyết tranh chấp đất đai', 'TN-DD'], ['Cấp phép đào đường đô thị', 'GT-DB'],
  ['Đăng ký hoạt động tín ngưỡng', 'DT-CS'], ['Cho phép thành lập nhóm trẻ độc lập', 'GD-DT'], ['Cấp giấy phép bán lẻ sản phẩm thuốc lá', 'CT-TM'], ['Đăng ký tổ hợp tác', 'KH-DKDN'],
  ['Xác nhận tình trạng hôn nhân (cấp huyện)', 'TP-HT'], ['Cấp giấy phép kinh doanh karaoke', 'VH-BD'], ['Đăng ký thế chấp quyền sử dụng đất', 'TN-DD'], ['Xóa đăng ký thế chấp', 'TN-DD'],
  ['Hỗ trợ người lao động mất việc làm', 'NV-LD'], ['Đổi giấy phép kinh doanh vận tải cho hộ kinh doanh', 'GT-DB'], ['Thẩm định thiết kế cơ sở công trình cấp IV', 'XD-HD'], ['Thu hồi giấy chứng nhận đăng ký hộ kinh doanh', 'KH-DKDN'],
];
const COMMUNE_PROCEDURES = [
  'Đăng ký khai sinh', 'Đăng ký kết hôn', 'Đăng ký khai tử', 'Xác nhận tình trạng hôn nhân', 'Đăng ký thường trú', 'Chứng thực bản sao từ bản chính',
  'Chứng thực chữ ký', 'Đăng ký giám hộ', 'Đăng ký nhận cha, mẹ, con', 'Xác nhận hộ nghèo, hộ cận nghèo', 'Đăng ký lại khai sinh', 'Cấp giấy xác nhận cư trú',
];

const DISTRICTS: Array<{ code: string; name: string; communes: string[] }> = [
  { code: '000.00.31.H56', name: 'UBND thành phố Phủ Lý', communes: ['Phường Hai Bà Trưng', 'Phường Lương Khánh Thiện', 'Phường Châu Sơn', 'Xã Phù Vân'] },
  { code: '000.00.32.H56', name: 'UBND thị xã Duy Tiên', communes: ['Phường Hòa Mạc', 'Phường Đồng Văn', 'Xã Tiên Sơn'] },
  { code: '000.00.33.H56', name: 'UBND huyện Thanh Liêm', communes: ['Thị trấn Tân Thanh', 'Xã Thanh Hà', 'Xã Liêm Phong'] },
  { code: '000.00.34.H56', name: 'UBND huyện Lý Nhân', communes: ['Thị trấn Vĩnh Trụ', 'Xã Nhân Thịnh', 'Xã Đạo Lý', 'Xã Chính Lý'] },
];

/** Deterministic spread: the same demo on every machine. */
function pick<T>(items: readonly T[], seed: number): T {
  return items[Math.abs(seed) % items.length];
}

const PROCESSING_TIMES: ProcessingTime[] = [
  { value: 4, unit: 'working_hours' },
  { value: 1, unit: 'working_days' },
  { value: 3, unit: 'working_days' },
  { value: 5, unit: 'working_days' },
  { value: 7, unit: 'working_days' },
  { value: 10, unit: 'working_days' },
  { value: 15, unit: 'working_days' },
  { value: 20, unit: 'working_days' },
];

const FEES = [0, 0, 30_000, 50_000, 100_000, 135_000, 200_000, 500_000, 1_000_000];
const FORMS: DocumentForm[] = ['original', 'certified_copy', 'copy'];

type DemoDocument = Omit<RequiredDocumentDto, 'quantity' | 'eForm'>;

const AUTHORISATION: DemoDocument = { name: 'Văn bản ủy quyền, khi người khác làm thủ tục thay', form: 'certified_copy', required: false };

/**
 * The dossier (thành phần hồ sơ) of the procedures whose papers the law sets out, matched on the
 * procedure's name, first match wins: the Law on Judicial Records (Luật Lý lịch tư pháp) and the
 * Law on Civil Status (Luật Hộ tịch, Decree 123/2015/NĐ-CP), the Decree on certification
 * (Nghị định 23/2015/NĐ-CP). A procedure of another kind gets its field's usual papers below.
 */
const DOSSIERS_BY_KIND: Array<{ kind: RegExp; documents: (name: string) => DemoDocument[] }> = [
  {
    kind: /lý lịch tư pháp/,
    documents: (name) => [
      { name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', form: 'original', required: true },
      /nước ngoài/.test(name)
        ? { name: 'Bản chụp hộ chiếu của người được cấp Phiếu lý lịch tư pháp', form: 'copy', required: true }
        : { name: 'Bản chụp giấy tờ tùy thân (thẻ căn cước, căn cước công dân hoặc hộ chiếu) của người được cấp Phiếu lý lịch tư pháp', form: 'copy', required: true },
      AUTHORISATION,
    ],
  },
  {
    kind: /đăng ký lại khai sinh/i,
    documents: () => [
      { name: 'Tờ khai đăng ký lại khai sinh', form: 'original', required: true },
      { name: 'Bản sao giấy tờ có nội dung khai sinh đã đăng ký (giấy khai sinh cũ, sổ hộ khẩu, học bạ, văn bằng)', form: 'copy', required: true },
      AUTHORISATION,
    ],
  },
  {
    kind: /khai sinh/i,
    documents: (name) => [
      { name: 'Tờ khai đăng ký khai sinh', form: 'original', required: true },
      { name: 'Giấy chứng sinh (hoặc văn bản của người làm chứng xác nhận việc sinh, giấy cam đoan về việc sinh)', form: 'original', required: true },
      ...(/nước ngoài/.test(name) ? [{ name: 'Văn bản thỏa thuận của cha, mẹ về việc chọn quốc tịch cho con', form: 'original' as const, required: false }] : []),
      AUTHORISATION,
    ],
  },
  {
    kind: /kết hôn/i,
    documents: (name) => [
      { name: 'Tờ khai đăng ký kết hôn', form: 'original', required: true },
      { name: 'Giấy xác nhận tình trạng hôn nhân', form: 'original', required: true },
      ...(/nước ngoài/.test(name) ? [{ name: 'Giấy xác nhận của tổ chức y tế về việc không mắc bệnh tâm thần hoặc bệnh khác mà không có khả năng nhận thức, làm chủ được hành vi', form: 'original' as const, required: true }] : []),
    ],
  },
  {
    kind: /khai tử/i,
    documents: () => [
      { name: 'Tờ khai đăng ký khai tử', form: 'original', required: true },
      { name: 'Giấy báo tử hoặc giấy tờ thay thế giấy báo tử', form: 'original', required: true },
      AUTHORISATION,
    ],
  },
  {
    kind: /nhận cha, mẹ, con/i,
    documents: () => [
      { name: 'Tờ khai đăng ký nhận cha, mẹ, con', form: 'original', required: true },
      { name: 'Chứng cứ chứng minh quan hệ cha, mẹ, con (văn bản của cơ quan y tế, cơ quan giám định hoặc thư từ, phim ảnh, băng đĩa, đồ dùng chứng minh quan hệ)', form: 'original', required: true },
    ],
  },
  {
    kind: /tình trạng hôn nhân/i,
    documents: () => [
      { name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', form: 'original', required: true },
      { name: 'Bản chụp giấy tờ tùy thân (thẻ căn cước, căn cước công dân hoặc hộ chiếu)', form: 'copy', required: true },
      { name: 'Giấy tờ chứng minh đã ly hôn hoặc người vợ, chồng đã chết, nếu đã kết hôn', form: 'certified_copy', required: false },
    ],
  },
  {
    kind: /giám hộ/i,
    documents: () => [
      { name: 'Tờ khai đăng ký giám hộ', form: 'original', required: true },
      { name: 'Văn bản cử người giám hộ', form: 'original', required: true },
    ],
  },
  {
    kind: /^Chứng thực bản sao/,
    documents: () => [
      { name: 'Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao', form: 'original', required: true },
      { name: 'Bản sao cần chứng thực', form: 'copy', required: true },
    ],
  },
  {
    kind: /^Chứng thực chữ ký/,
    documents: () => [
      { name: 'Bản chụp giấy tờ tùy thân của người yêu cầu chứng thực (thẻ căn cước, căn cước công dân hoặc hộ chiếu)', form: 'copy', required: true },
      { name: 'Giấy tờ, văn bản sẽ ký', form: 'original', required: true },
    ],
  },
];

/** Papers a procedure's dossier may ask for besides its application form, by what it is about. */
const BUILDING_OR_LAND = /giấy phép xây dựng|đất|công trình|đào đường/i;
const SITE_PAPERS = ['Bản vẽ, sơ đồ vị trí', 'Giấy tờ chứng minh quyền sử dụng đất', 'Bản sao giấy tờ tùy thân', 'Văn bản ủy quyền'];
const BUSINESS_PAPERS = ['Bản sao giấy tờ pháp lý của cá nhân, tổ chức', 'Điều lệ hoặc quy chế hoạt động', 'Danh sách thành viên, cổ đông', 'Văn bản ủy quyền'];
const PERSONAL_PAPERS = ['Bản sao giấy tờ tùy thân', 'Giấy tờ chứng minh nơi cư trú', 'Văn bản ủy quyền', 'Ảnh 4x6'];
const PAPERS_BY_FIELD: Record<string, string[]> = {
  'XD-CP': SITE_PAPERS,
  'TN-DD': SITE_PAPERS,
  'KH-DKDN': BUSINESS_PAPERS,
  'KH-DT': BUSINESS_PAPERS,
};

/**
 * A procedure's required documents: those its kind's law sets out (judicial records, civil
 * status, certification), else its application form (tờ khai) and a few of its field's usual
 * papers, the first two required. A site plan only where land or a building is concerned.
 */
function requiredDocuments(seed: number, name: string, fieldCode: string): RequiredDocumentDto[] {
  const known = DOSSIERS_BY_KIND.find((k) => k.kind.test(name));
  if (known) return known.documents(name).map((d) => ({ ...d, quantity: 1 }));
  const papers = BUILDING_OR_LAND.test(name) ? SITE_PAPERS : (PAPERS_BY_FIELD[fieldCode] ?? PERSONAL_PAPERS);
  const documentCount = 2 + (seed % 3);
  return Array.from({ length: documentCount }, (_, i) => ({
    name: i === 0 ? `Tờ khai ${name.charAt(0).toLowerCase()}${name.slice(1)}` : pick(papers, seed + i),
    form: i === 0 ? 'original' : pick(FORMS, seed + i),
    quantity: 1,
    required: i < 2,
  }));
}

/** Shares from the seed articles: ~44% level 4, ~47% level 3, ~9% level 2. */
function onlineService(seed: number): { onlineLevel: OnlineLevel; onlineMode: OnlineMode } {
  const bucket = seed % 100;
  if (bucket < 44) return { onlineLevel: 4, onlineMode: bucket < 30 ? 'full' : 'partial' };
  if (bucket < 91) return { onlineLevel: 3, onlineMode: bucket < 60 ? 'full' : 'partial' };
  return { onlineLevel: 2, onlineMode: 'none' };
}

function content(seed: number, name: string, fieldCode: string, levelCode: string, competent: string, receiving: string[]): ProcedureContentDto {
  const service = onlineService((seed * 37) % 100);
  const fee = pick(FEES, seed * 7);
  // "4 tại chỗ": short, simple procedures only (about a fifth of them), done within the visit.
  const onTheSpotEligible = seed % 5 === 0;
  return {
    name,
    fieldCode,
    levelCode,
    competentAgencyCode: competent,
    receivingAgencyCodes: receiving,
    processingTime: onTheSpotEligible ? { value: 4, unit: 'working_hours' } : { ...pick(PROCESSING_TIMES, seed * 3) },
    fees: fee === 0 ? [] : [{ name: `Lệ phí ${name.charAt(0).toLowerCase()}${name.slice(1)}`, amountVnd: fee }],
    documents: requiredDocuments(seed, name, fieldCode),
    ...service,
    onTheSpotEligible,
    acceptsDossierByPost: seed % 6 !== 0,
    deliversResultByPost: seed % 7 !== 0,
    onlineOnlyListed: service.onlineLevel >= 3 && seed % 9 === 0,
    integratedNationalPortal: seed % 11 !== 0,
  };
}

/**
 * A demo province modelled on Hà Nam (H56): the People's Committee, its service centre, a
 * dozen departments, four districts (the level abolished in 2025, kept for older dossiers) with
 * their communes, and about three hundred procedures with flags spread as the seeds report.
 */
export function demoCatalog(): DemoCatalog {
  const agencies: DemoAgency[] = [
    { code: PROVINCE, name: 'UBND tỉnh Hà Nam', address: 'Đường Trường Chinh, phường Hai Bà Trưng, Phủ Lý', levelCode: 'province', parentCode: null, onlineOnlyWeekdays: [] },
    { code: SERVICE_CENTRE, name: 'Trung tâm Phục vụ hành chính công tỉnh Hà Nam', address: 'Số 1 đường Lý Thường Kiệt, Phủ Lý', levelCode: 'province', parentCode: PROVINCE, onlineOnlyWeekdays: [] },
    ...DEPARTMENTS.map((d) => ({ code: d.code, name: d.name, address: null, levelCode: 'province' as const, parentCode: PROVINCE, onlineOnlyWeekdays: d.onlineOnlyWeekdays ?? [] })),
  ];
  const communeCodes: string[] = [];
  for (const district of DISTRICTS) {
    agencies.push({ code: district.code, name: district.name, address: null, levelCode: 'district', parentCode: PROVINCE, onlineOnlyWeekdays: [] });
    district.communes.forEach((name, i) => {
      const code = `000.${String(i + 1).padStart(2, '0')}.${district.code.slice(7, 9)}.H56`;
      communeCodes.push(code);
      agencies.push({ code, name: `UBND ${name.charAt(0).toLowerCase()}${name.slice(1)}`, address: null, levelCode: 'commune', parentCode: district.code, onlineOnlyWeekdays: [] });
    });
  }

  const decision: DecisionDto = { number: '125/QĐ-UBND', date: '2025-01-10', effectiveFrom: '2025-01-15' };
  const procedures: DemoProcedure[] = [];
  let seed = 1;
  const add = (name: string, fieldCode: string, levelCode: string, competent: string, receiving: string[]) => {
    const code = `${levelCode === 'province' ? 1 : 2}.${String(4000 + seed).padStart(6, '0')}`;
    procedures.push({ code, decision, procedure: content(seed, name, fieldCode, levelCode, competent, receiving) });
    seed++;
  };
  for (const department of DEPARTMENTS) {
    for (const fieldCode of department.fields) {
      for (const subject of SUBJECTS[fieldCode]) {
        for (const action of ACTIONS) add(`${action} ${subject}`, fieldCode, 'province', department.code, [SERVICE_CENTRE]);
      }
    }
  }
  const districtCodes = DISTRICTS.map((d) => d.code);
  DISTRICT_PROCEDURES.forEach(([name, fieldCode], i) => add(name, fieldCode, 'district', districtCodes[i % districtCodes.length], districtCodes));
  COMMUNE_PROCEDURES.forEach((name, i) => add(name, i < 12 ? 'TP-HT' : 'TP-CC', 'commune', communeCodes[i % communeCodes.length], communeCodes));
  return { agencies, fields: FIELDS, procedures };
}
