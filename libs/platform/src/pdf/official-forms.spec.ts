import { describe, expect, it } from '@jest/globals';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readPdfPages } from '../testing/pdf-text.js';
import {
  apologyForm,
  controlSheetForm,
  type ControlSheetFormData,
  type FormAgency,
  placeOfAgencies,
  type PrintableForm,
  receiptForm,
  type ReceiptFormData,
  refusalForm,
  renderFormPdf,
  stopNoticeForm,
  supplementRequestForm,
  vietnameseDate,
  vietnameseDateTime,
  vietnameseMoney,
} from './index.js';

// FORM_PDF_DIR=/tmp/forms keeps the PDFs, to look at them (pdftoppm -png -r 80 …).
async function rendered(name: string, form: PrintableForm): Promise<{ text: string; pages: Awaited<ReturnType<typeof readPdfPages>> }> {
  const pdf = await renderFormPdf(form);
  if (process.env.FORM_PDF_DIR) {
    await mkdir(process.env.FORM_PDF_DIR, { recursive: true });
    await writeFile(join(process.env.FORM_PDF_DIR, `${name}.pdf`), pdf);
  }
  const pages = await readPdfPages(pdf);
  return { text: pages.map((page) => page.text).join(' '), pages };
}

function expectToContainAll(text: string, expected: string[]): void {
  for (const piece of expected) expect(text).toContain(piece);
}

const CENTRE: FormAgency = { code: '000.00.01.H56', name: 'Trung tâm Phục vụ hành chính công tỉnh Hà Nam', parentName: 'UBND tỉnh Hà Nam', place: 'Hà Nam' };
const DEPARTMENT: FormAgency = { code: '000.17.22.H56', name: 'Sở Giao thông vận tải', parentName: 'UBND tỉnh Hà Nam', place: 'Hà Nam' };
const APPLICANT = { name: 'Nguyễn Văn An', address: 'Số 12 đường Trần Phú, Phường Hai Bà Trưng, Hà Nam', phone: '0912345678' };
const ABOUT = { dossierCode: '000.00.01.H56-260316-0001', procedureName: 'Cấp giấy phép lái xe', receivedAt: '2026-03-16T10:00:00+07:00', receivingAgencyName: CENTRE.name, applicant: APPLICANT };

function receipt(overrides: Partial<ReceiptFormData> = {}): ReceiptFormData {
  return {
    dossierCode: '000.00.01.H56-260316-0001',
    lookupSecret: 'Q7MK3XHP9T2D',
    agency: CENTRE,
    procedure: { code: '1.004005', name: 'Cấp giấy phép lái xe' },
    applicant: { ...APPLICANT, idLabel: 'Số định danh cá nhân', idNumber: '035090001234' },
    channel: 'counter',
    channelText: 'Trực tiếp tại Bộ phận Một cửa',
    documents: [
      { name: 'Đơn đề nghị cấp giấy phép lái xe', form: 'original', quantity: 1 },
      { name: 'Giấy khám sức khỏe', form: 'original', quantity: 1 },
    ],
    statutoryTimeText: '10 ngày làm việc',
    receivedAt: '2026-03-16T10:00:00+07:00',
    appointmentAt: '2026-03-30T10:00:00+07:00',
    resultDeliveryMethod: 'counter',
    resultDeliveryText: 'Tại Bộ phận Một cửa: Trung tâm Phục vụ hành chính công tỉnh Hà Nam',
    receivedByName: 'Lê Văn Cường',
    feesText: 'Lệ phí cấp giấy phép lái xe: 135.000 đồng',
    trackingNumber: null,
    ...overrides,
  };
}

describe('the words forms write', () => {
  it('writes dates as Decree 30 does, with the time in hours and minutes', () => {
    expect(vietnameseDateTime('2026-03-16T10:00:00+07:00')).toBe('10 giờ 00 phút, ngày 16 tháng 3 năm 2026');
    expect(vietnameseDate('2026-02-05T08:30:00+07:00')).toBe('ngày 05 tháng 02 năm 2026');
    expect(vietnameseDate('2026-12-04T07:49:00+07:00')).toBe('ngày 04 tháng 12 năm 2026');
  });

  it('writes money in whole đồng with dots, and finds the province that names the place', () => {
    expect(vietnameseMoney(135000)).toBe('135.000 đồng');
    expect(vietnameseMoney(1250000)).toBe('1.250.000 đồng');
    expect(vietnameseMoney(0)).toBe('0 đồng');
    expect(placeOfAgencies(['Sở Tư pháp', 'UBND tỉnh Hà Nam'])).toBe('Hà Nam');
    expect(placeOfAgencies(['Trung tâm Phục vụ hành chính công tỉnh', 'Ủy ban nhân dân thành phố Hải Phòng'])).toBe('Hải Phòng');
    expect(placeOfAgencies(['Sở Tư pháp'])).toBeNull();
  });
});

describe('form 01, the receipt', () => {
  it('at the counter: names the officer, the channel and the fees, and has both signatures', async () => {
    const { text, pages } = await rendered('01-counter', receiptForm(receipt()));
    expect(pages).toHaveLength(1);
    expectToContainAll(text, [
      'UBND TỈNH HÀ NAM',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Hà Nam, ngày 16 tháng 3 năm 2026',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Hình thức nộp hồ sơ: Trực tiếp tại Bộ phận Một cửa',
      'Phí, lệ phí: Lệ phí cấp giấy phép lái xe: 135.000 đồng',
      '3. Thời gian nhận hồ sơ: 10 giờ 00 phút, ngày 16 tháng 3 năm 2026',
      '4. Thời gian trả kết quả: 10 giờ 00 phút, ngày 30 tháng 3 năm 2026',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Lê Văn Cường',
      'mang theo giấy này',
    ]);
    expect(text).toMatch(/TRUNG TÂM PHỤC VỤ HÀNH CHÍNH\s?CÔNG TỈNH HÀ NAM/);
    expect(text).not.toContain('2026-03');
  });

  it('online: asks for no signature and does not tell the applicant to bring the paper', async () => {
    const { text } = await rendered(
      '01-online',
      receiptForm(receipt({ channel: 'online', channelText: 'Trực tuyến qua Cổng dịch vụ công', resultDeliveryMethod: 'online', resultDeliveryText: 'Trực tuyến: kết quả điện tử trên Cổng dịch vụ công' })),
    );
    expect(text).toContain('Hình thức nộp hồ sơ: Trực tuyến qua Cổng dịch vụ công');
    expect(text).toContain('Người tiếp nhận hồ sơ: Lê Văn Cường');
    expect(text).toContain('không cần ký');
    expect(text).not.toContain('NGƯỜI NỘP HỒ SƠ');
    expect(text).not.toContain('(Ký và ghi rõ họ tên)');
    expect(text).not.toContain('mang theo giấy này');
  });

  it('by post: prints the tracking number of the envelope and no signatures', async () => {
    const { text } = await rendered(
      '01-post',
      receiptForm(receipt({ channel: 'post', channelText: 'Qua dịch vụ bưu chính công ích', trackingNumber: 'EB123456789VN', resultDeliveryMethod: 'post', resultDeliveryText: 'Qua dịch vụ bưu chính công ích, đến: Số 12 đường Trần Phú, Phường Hai Bà Trưng, Hà Nam', receivedByName: null })),
    );
    expect(text).toContain('Số hiệu bưu gửi (mã vận đơn): EB123456789VN');
    expect(text).not.toContain('(Ký và ghi rõ họ tên)');
    expect(text).not.toContain('mang theo giấy này');
  });

  it('leaves the fees line out when the catalog could not say', async () => {
    const { text } = await rendered('01-no-fees', receiptForm(receipt({ feesText: null })));
    expect(text).not.toContain('Phí, lệ phí');
  });
});

describe('forms 02 to 05', () => {
  it('02: what to supply, from which unit, signed by the officer who asked', async () => {
    const { text } = await rendered(
      '02',
      supplementRequestForm({ ...ABOUT, agency: DEPARTMENT, requestedAt: '2026-03-17T10:00:00+07:00', requestedByName: 'Trần Thị Bình', documents: [{ name: 'Giấy khám sức khỏe', note: 'Bản chính, còn hiệu lực' }], note: null, sequence: 1, of: 1 }),
    );
    expectToContainAll(text, ['Mẫu số 02', 'SỞ GIAO THÔNG VẬN TẢI', 'Hà Nam, ngày 17 tháng 3 năm 2026', 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', 'Hồ sơ của: Nguyễn Văn An', 'Giấy khám sức khỏe', 'NGƯỜI HƯỚNG DẪN', 'Trần Thị Bình']);
  });

  it('03: the reason, from the unit that refused', async () => {
    const { text } = await rendered('03', refusalForm({ ...ABOUT, agency: DEPARTMENT, refusedAt: '2026-03-18T09:00:00+07:00', refusedByName: 'Phạm Văn Dũng', reason: 'Hồ sơ không thuộc thẩm quyền giải quyết' }));
    expectToContainAll(text, ['Mẫu số 03', 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', 'Qua xem xét, Sở Giao thông vận tải thông báo không tiếp nhận', 'Hồ sơ không thuộc thẩm quyền giải quyết', 'Phạm Văn Dũng']);
  });

  it('04: the apology with the old and the new date in words', async () => {
    const { text } = await rendered(
      '04',
      apologyForm({ ...ABOUT, agency: DEPARTMENT, issuedAt: '2026-03-27T10:00:00+07:00', issuedByName: 'Phạm Văn Dũng', reason: 'Cần xác minh thêm', previousAppointmentAt: '2026-03-30T10:00:00+07:00', newAppointmentAt: '2026-04-03T15:30:00+07:00' }),
    );
    expectToContainAll(text, [
      'Mẫu số 04',
      'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
      'Kính gửi: Nguyễn Văn An',
      'Ngày 16 tháng 3 năm 2026, Trung tâm Phục vụ hành chính công tỉnh Hà Nam tiếp nhận hồ sơ',
      'Thời gian hẹn trả kết quả giải quyết hồ sơ: 10 giờ 00 phút, ngày 30 tháng 3 năm 2026',
      'Sở Giao thông vận tải xin lỗi ông/bà và sẽ trả kết quả giải quyết hồ sơ cho ông/bà vào 15 giờ 30 phút, ngày 03 tháng 4 năm 2026',
      'THỦ TRƯỞNG CƠ QUAN',
      'Phạm Văn Dũng',
    ]);
  });

  it('05: the stop, when and why', async () => {
    const { text } = await rendered('05', stopNoticeForm({ ...ABOUT, agency: DEPARTMENT, stoppedAt: '2026-03-19T14:00:00+07:00', stoppedByName: 'Phạm Văn Dũng', reason: 'Có văn bản đề nghị dừng của cơ quan công an' }));
    expectToContainAll(text, ['Mẫu số 05', 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ', 'kể từ 14 giờ 00 phút, ngày 19 tháng 3 năm 2026', 'Lý do: Có văn bản đề nghị dừng của cơ quan công an', 'Phạm Văn Dũng']);
  });
});

describe('form 06, the control sheet', () => {
  const entry = (overrides: Partial<ControlSheetFormData['entries'][number]>) => ({
    at: '2026-03-16T10:00:00+07:00',
    action: 'forward',
    fromUnit: null,
    fromUnitName: null,
    fromOfficer: null,
    fromOfficerName: null,
    toUnit: null,
    toUnitName: null,
    toOfficer: null,
    toOfficerName: null,
    result: 'Chuyển xử lý',
    note: null,
    ...overrides,
  });
  const sheet: ControlSheetFormData = {
    dossierCode: '000.00.01.H56-260316-0001',
    procedureName: 'Cấp giấy phép lái xe',
    agency: CENTRE,
    competentAgencyName: 'Sở Giao thông vận tải',
    applicantName: 'Nguyễn Văn An',
    entries: [
      entry({ action: 'receive', toUnit: CENTRE.code, toUnitName: CENTRE.name, toOfficer: 'demo:reception.ttphc', toOfficerName: 'Lê Văn Cường', result: 'Tiếp nhận hồ sơ' }),
      entry({ at: '2026-12-04T07:49:00+07:00', fromUnit: CENTRE.code, fromUnitName: CENTRE.name, fromOfficer: 'demo:reception.ttphc', fromOfficerName: 'Lê Văn Cường', toUnit: DEPARTMENT.code, toUnitName: DEPARTMENT.name, note: 'Chuyển Sở GTVT' }),
      entry({ at: '2026-12-07T09:00:00+07:00', action: 'resume', fromUnit: DEPARTMENT.code, fromUnitName: DEPARTMENT.name, fromOfficer: 'system', toUnit: DEPARTMENT.code, toUnitName: DEPARTMENT.name, result: 'Nhận hồ sơ bổ sung, tiếp tục giải quyết' }),
    ],
  };

  it('names units and officers, writes times in words, has the official header and a signature cell per side', async () => {
    const { text, pages } = await rendered('06', controlSheetForm(sheet));
    expect(pages).toHaveLength(1);
    expectToContainAll(text, [
      'Mẫu số 06',
      'UBND TỈNH HÀ NAM',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      'Cơ quan giải quyết hồ sơ: Sở Giao thông vận tải',
      'Nguyễn Văn An',
      'Lê Văn Cường',
      'Sở Giao thông vận tải',
      'Bên giao (ký, ghi rõ họ tên)',
      'Bên nhận (ký, ghi rõ họ tên)',
      'Người nộp hồ sơ Nguyễn Văn An',
    ]);
    expect(text).toMatch(/07 giờ 49,\s?ngày 04 tháng\s?12 năm\s?2026/);
    for (const code of ['000.00.01.H56 –', 'demo:reception.ttphc', '2026-12-04', 'system']) expect(text).not.toContain(code);
    // "STT" is one word in its column, not broken over two lines
    expect(pages[0].items.some((item) => item.text === 'STT')).toBe(true);
    // the officer signs twice: as the receiver of row 1 and the giver of row 2
    expect(text.split('Lê Văn Cường').length - 1).toBe(2);
  });
});
