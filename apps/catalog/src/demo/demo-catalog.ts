import type { DocumentForm, OnlineLevel, OnlineMode, ProcessingTime } from '@onestop/domain';
import type { DecisionDto, ProcedureContentDto } from '../procedures/procedure.dto.js';

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

/** District-level (until 2025) and commune-level procedures, handled by every such unit. */
const DISTRICT_PROCEDURES = [
  'Đăng ký kinh doanh hộ kinh doanh', 'Cấp giấy phép xây dựng nhà ở riêng lẻ tại đô thị', 'Đăng ký thay đổi nội dung hộ kinh doanh', 'Chấm dứt hoạt động hộ kinh doanh',
  'Cấp giấy chứng nhận đủ điều kiện an toàn thực phẩm cho cơ sở nhỏ lẻ', 'Đăng ký khai sinh lưu động', 'Cấp bản sao trích lục hộ tịch', 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản',
  'Thẩm định hồ sơ đề nghị trợ cấp xã hội hằng tháng', 'Công nhận gia đình văn hóa', 'Giải quyết tranh chấp đất đai', 'Cấp phép đào đường đô thị',
  'Đăng ký hoạt động tín ngưỡng', 'Cho phép thành lập nhóm trẻ độc lập', 'Cấp giấy phép bán lẻ sản phẩm thuốc lá', 'Đăng ký tổ hợp tác',
  'Xác nhận tình trạng hôn nhân (cấp huyện)', 'Cấp giấy phép kinh doanh karaoke', 'Đăng ký thế chấp quyền sử dụng đất', 'Xóa đăng ký thế chấp',
  'Hỗ trợ người lao động mất việc làm', 'Đổi giấy phép kinh doanh vận tải cho hộ kinh doanh', 'Thẩm định thiết kế cơ sở công trình cấp IV', 'Thu hồi giấy chứng nhận đăng ký hộ kinh doanh',
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
  const documentCount = 2 + (seed % 3);
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
    documents: Array.from({ length: documentCount }, (_, i) => ({
      name: i === 0 ? `Tờ khai ${name.charAt(0).toLowerCase()}${name.slice(1)}` : pick(['Bản sao giấy tờ tùy thân', 'Giấy tờ chứng minh nơi cư trú', 'Bản vẽ, sơ đồ vị trí', 'Văn bản ủy quyền', 'Ảnh 4x6'], seed + i),
      form: i === 0 ? 'original' : pick(FORMS, seed + i),
      quantity: 1,
      required: i < 2,
    })),
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
  DISTRICT_PROCEDURES.forEach((name, i) => add(name, pick(FIELDS, i * 5).code, 'district', districtCodes[i % districtCodes.length], districtCodes));
  COMMUNE_PROCEDURES.forEach((name, i) => add(name, i < 12 ? 'TP-HT' : 'TP-CC', 'commune', communeCodes[i % communeCodes.length], communeCodes));
  return { agencies, fields: FIELDS, procedures };
}
