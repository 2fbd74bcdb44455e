import type { ProblemDocument } from './problem.js';

/**
 * The Vietnamese wording of problem answers, the language people get unless they ask for
 * English (`Accept-Language: en`): per stable `code`, the `detail` (and a `title` where the
 * status's own title below says too little). A detail here says what happened and what to do,
 * in general terms: the English detail, written where the problem is raised, may name values
 * (a code, a limit, a status); where a value matters to people it is taken from the problem's
 * own members (`currentStatus`, `maxBytes`...), never parsed out of the English text.
 *
 * Every code the system can answer has an entry: `problem-messages.spec.ts` collects them from
 * the source and fails on one without.
 */
export interface VietnameseProblemMessage {
  title?: string;
  detail: string | ((problem: ProblemDocument) => string);
}

/** Titles by HTTP status, for codes without a title of their own. */
export const STATUS_TITLES_VI: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ',
  401: 'Chưa xác thực',
  403: 'Không có quyền',
  404: 'Không tìm thấy',
  405: 'Phương thức không được hỗ trợ',
  406: 'Không trả được định dạng yêu cầu',
  408: 'Hết thời gian chờ yêu cầu',
  409: 'Xung đột',
  413: 'Dữ liệu gửi lên quá lớn',
  415: 'Kiểu dữ liệu không được hỗ trợ',
  422: 'Không xử lý được yêu cầu',
  429: 'Quá nhiều yêu cầu',
  431: 'Phần đầu yêu cầu quá lớn',
  500: 'Lỗi hệ thống',
  502: 'Lỗi từ dịch vụ khác',
  503: 'Dịch vụ tạm thời gián đoạn',
  504: 'Hết thời gian chờ dịch vụ',
};

/** For a status with no title above. */
export const FALLBACK_TITLE_VI = 'Lỗi';

/** The detail of a code without an entry (the spec keeps this from happening). */
export const FALLBACK_DETAIL_VI = 'Yêu cầu không thực hiện được.';

/** `errors` names the fields; the detail lists them so a person sees where to look. */
const fieldsNamed = (lead: string) => (problem: ProblemDocument) => {
  const fields = [...new Set((problem.errors ?? []).map((e) => e.field))];
  return fields.length > 0 ? `${lead}: ${fields.join(', ')}.` : `${lead}.`;
};

const withStatus = (text: string) => (problem: ProblemDocument) =>
  typeof problem.currentStatus === 'string' ? `${text} (trạng thái hiện tại: ${problem.currentStatus}).` : `${text}.`;

const TRY_AGAIN = 'vui lòng thử lại sau ít phút';

export const PROBLEM_MESSAGES_VI: Record<string, VietnameseProblemMessage> = {
  // The platform: HTTP, bodies, validation, credentials, paging.
  'bad-request': { detail: 'Yêu cầu không hợp lệ.' },
  'validation-failed': { title: 'Dữ liệu không hợp lệ', detail: fieldsNamed('Dữ liệu gửi lên không hợp lệ; xem lý do từng trường trong errors') },
  'invalid-characters': { title: 'Dữ liệu không hợp lệ', detail: 'Dữ liệu gửi lên chứa ký tự không được phép (ký tự NUL hoặc nửa cặp ký tự UTF-16).' },
  'malformed-body': { detail: 'Không đọc được nội dung yêu cầu: không phải JSON hợp lệ, không phải UTF-8, có khóa lặp lại, lồng quá sâu hoặc nén hỏng.' },
  'malformed-path': { detail: 'Đường dẫn có mã hóa phần trăm không hợp lệ.' },
  'malformed-request': { detail: 'Yêu cầu không đúng giao thức HTTP/1.1 (ví dụ có ký tự điều khiển trong phần đầu, dòng yêu cầu hoặc khối dữ liệu sai định dạng).' },
  'invalid-path': { detail: 'Đường dẫn không được chứa đoạn dấu chấm (. hoặc ..) hay dấu phân cách được mã hóa.' },
  'route-not-found': { detail: 'Không có đường dẫn API này.' },
  'not-found': { detail: 'Không tìm thấy tài nguyên yêu cầu.' },
  'method-not-allowed': { detail: 'Đường dẫn này không nhận phương thức HTTP đã gửi.' },
  'not-acceptable': { detail: 'Không trả được kết quả theo định dạng yêu cầu trong Accept.' },
  'conflict': { detail: 'Yêu cầu xung đột với trạng thái hiện tại của dữ liệu.' },
  'unprocessable-content': { detail: 'Không xử lý được yêu cầu.' },
  'unauthorized': { detail: 'Cần đăng nhập để thực hiện thao tác này.' },
  'forbidden': { detail: 'Tài khoản không có quyền thực hiện thao tác này.' },
  'payload-too-large': { detail: 'Nội dung gửi lên lớn hơn mức cho phép.' },
  'unsupported-media-type': { detail: 'Kiểu nội dung không được hỗ trợ: gửi JSON (application/json, mã hóa UTF-8), hoặc multipart/form-data khi tải tệp lên.' },
  'headers-too-large': { detail: 'Dòng yêu cầu và phần đầu lớn hơn mức máy chủ đọc (16 KiB).' },
  'request-timeout': { detail: 'Yêu cầu không đến kịp thời hạn.' },
  'too-many-requests': { detail: `Quá nhiều yêu cầu; ${TRY_AGAIN}.` },
  'internal-error': { detail: 'Hệ thống chưa thực hiện được yêu cầu; lỗi đã được ghi lại theo mã yêu cầu (requestId).' },
  'database-unavailable': { detail: `Cơ sở dữ liệu tạm thời không truy cập được; ${TRY_AGAIN}.` },
  'service-unavailable': { detail: `Dịch vụ tạm thời không sẵn sàng; ${TRY_AGAIN}.` },
  'service-timeout': { detail: 'Dịch vụ không trả lời kịp thời hạn.' },
  'dependency-unavailable': { detail: `Một dịch vụ khác của hệ thống không trả lời; ${TRY_AGAIN}.` },
  'dependency-failed': { detail: `Một dịch vụ khác của hệ thống chưa trả lời được; ${TRY_AGAIN}.` },
  'invalid-cursor': { detail: 'Con trỏ phân trang (cursor) không phải do đường dẫn này cấp.' },
  'idempotency-key-reused': { detail: 'Khóa Idempotency-Key này đã được dùng cho một yêu cầu có nội dung khác.' },
  'authentication-required': { detail: 'Cần đăng nhập (Authorization: Bearer <token>) hoặc gửi mã tra cứu trên giấy tiếp nhận (secret).' },
  'invalid-token': { detail: 'Mã truy cập (token) không hợp lệ hoặc đã hết hạn.' },
  'identity-keys-unavailable': { detail: `Chưa đọc được khóa của hệ thống xác thực để kiểm tra mã truy cập; ${TRY_AGAIN}.` },
  'service-credential-required': { detail: 'Thao tác nội bộ này chỉ dành cho các dịch vụ của hệ thống.' },
  'event-not-handled': { detail: 'Dịch vụ này không xử lý loại sự kiện đã gửi.' },
  'event-version-not-supported': { detail: 'Dịch vụ này không đọc được phiên bản sự kiện đã gửi.' },

  // The gateway: API keys, sign-in, limits, the audit log.
  'ambiguous-credentials': { detail: 'Chỉ gửi một loại thông tin xác thực: X-Api-Key hoặc Authorization, không gửi cả hai.' },
  'invalid-api-key': { detail: 'Khóa API không tồn tại hoặc đã bị thu hồi.' },
  'api-key-not-found': { detail: 'Không có khóa API này.' },
  'api-keys-unavailable': { detail: 'Cổng API chưa có khóa ký (AUTH_SIGNING_KEY) nên chưa dùng được khóa API.' },
  'invalid-credentials': { detail: 'Tên đăng nhập hoặc mật khẩu không đúng.' },
  'demo-users-disabled': { detail: 'Hệ thống này không bật đăng nhập tài khoản mẫu; hãy đăng nhập qua hệ thống xác thực.' },
  'rate-limited': { detail: 'Quá nhiều yêu cầu trong một phút; hãy thử lại sau số giây ghi trong Retry-After.' },
  'too-many-refused-credentials': { detail: 'Quá nhiều thông tin xác thực sai từ địa chỉ này trong một phút; hãy thử lại sau số giây ghi trong Retry-After.' },
  'audit-unavailable': { detail: `Chưa đọc được nhật ký thao tác của một dịch vụ; ${TRY_AGAIN}.` },

  // Catalog: agencies, fields, procedures, the calendar.
  'agency-not-found': { detail: 'Không có cơ quan với mã này.' },
  'agency-exists': { detail: 'Đã có cơ quan với mã này.' },
  'invalid-agency': { detail: fieldsNamed('Thông tin cơ quan không hợp lệ') },
  'field-not-found': { detail: 'Không có lĩnh vực với mã này.' },
  'field-exists': { detail: 'Đã có lĩnh vực với mã này.' },
  'procedure-not-found': { detail: 'Không có thủ tục hành chính với mã này.' },
  'procedure-not-in-force': { detail: 'Thủ tục hành chính chưa có hiệu lực vào ngày đã hỏi.' },
  'procedure-version-not-found': { detail: 'Thủ tục hành chính không có phiên bản này.' },
  'procedure-exists': { detail: 'Thủ tục hành chính đã được công bố; hãy sửa đổi thay vì công bố lại.' },
  'procedure-abolished': { detail: 'Thủ tục hành chính đã bị bãi bỏ: không sửa đổi được và không nhận hồ sơ.' },
  'invalid-procedure': { detail: fieldsNamed('Nội dung thủ tục hành chính không hợp lệ') },
  'decision-predates-current-version': { detail: 'Quyết định công bố có ngày sớm hơn phiên bản đang áp dụng của thủ tục.' },
  'invalid-office-hours': { detail: 'Lịch làm việc phải có ít nhất một ngày làm việc trong tuần.' },
  'calendar-override-not-found': { detail: 'Không có điều chỉnh lịch làm việc của quản trị viên cho ngày này.' },
  'unknown-agency': { detail: 'Không có cơ quan với mã này.' },
  'unknown-procedure': { detail: 'Không có thủ tục hành chính với mã này đang nhận hồ sơ.' },

  // Intake: reception, dossiers, documents, lookup, ratings, complaints, forms.
  'agency-does-not-receive': { detail: 'Cơ quan này không tiếp nhận hồ sơ của thủ tục này.' },
  'channel-not-allowed': { detail: 'Thủ tục không nhận hồ sơ qua kênh đã chọn.' },
  'channel-not-permitted': { detail: 'Tài khoản này không nộp hoặc tiếp nhận hồ sơ qua kênh đã chọn.' },
  'online-only-day': { detail: 'Hôm nay cơ quan chỉ nhận hồ sơ của thủ tục này qua dịch vụ công trực tuyến; cán bộ hướng dẫn người dân nộp trực tuyến.' },
  'delivery-not-offered': { detail: 'Thủ tục không trả kết quả theo cách đã chọn.' },
  'unknown-document': { detail: 'Thủ tục không có thành phần hồ sơ này.' },
  'unknown-file': { detail: 'Hồ sơ không có tệp này.' },
  'documents-missing': { detail: 'Hồ sơ còn thiếu thành phần bắt buộc (xem missingDocuments); cán bộ lập phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.' },
  'document-asked-twice': { detail: 'Một thành phần hồ sơ được yêu cầu bổ sung hai lần trong cùng một phiếu.' },
  'agency-not-permitted': { detail: 'Tài khoản này không làm việc cho cơ quan này.' },
  'agency-not-concerned': { detail: 'Hồ sơ không do cơ quan này tiếp nhận hay giải quyết.' },
  'daily-sequence-exhausted': { detail: 'Cơ quan đã tiếp nhận số hồ sơ tối đa trong ngày (9.999) mà định dạng mã hồ sơ cho phép.' },
  'external-id-conflict': { detail: 'Hồ sơ này của Cổng dịch vụ công đã được tiếp nhận với nội dung khác; lần đẩy sau không thay đổi được hồ sơ.' },
  'invalid-handover-time': { detail: 'Thời điểm bàn giao phải trong vòng 30 ngày qua và không ở tương lai.' },
  'dossier-not-found': { detail: 'Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này.' },
  'dossier-receivable': { detail: 'Hồ sơ đủ điều kiện tiếp nhận: không có phiếu từ chối hay yêu cầu bổ sung để in.' },
  'dossier-not-withdrawable': { detail: withStatus('Hồ sơ không còn rút được') },
  'dossier-not-ratable': { detail: withStatus('Chỉ đánh giá được khi đã có kết quả giải quyết') },
  'dossier-already-rated': { detail: 'Hồ sơ đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần.' },
  'dossier-closed': { detail: withStatus('Hồ sơ đã kết thúc: không thay đổi được thành phần hồ sơ') },
  'supplement-not-requested': { detail: withStatus('Hồ sơ không có yêu cầu bổ sung') },
  'not-requested': { detail: 'Thành phần này không có trong yêu cầu bổ sung.' },
  'not-the-applicant': { detail: 'Chỉ người nộp hồ sơ, hoặc cán bộ tiếp nhận của cơ quan tiếp nhận thay mặt họ, được thực hiện thao tác này.' },
  'not-the-uploader': { detail: 'Chỉ người đã tải tài liệu lên được xóa tài liệu đó.' },
  'document-not-found': { detail: 'Hồ sơ không có tài liệu này.' },
  'document-content-missing': { detail: 'Không tìm thấy tệp của tài liệu; lỗi đã được ghi lại theo mã yêu cầu (requestId).' },
  'too-many-documents': {
    detail: (p) => (typeof p.maxDocuments === 'number' ? `Mỗi hồ sơ có tối đa ${p.maxDocuments} tài liệu; hãy xóa bớt trước khi thêm.` : 'Hồ sơ đã có số tài liệu tối đa; hãy xóa bớt trước khi thêm.'),
  },
  'file-too-large': { detail: (p) => (typeof p.maxBytes === 'number' ? `Tệp lớn hơn mức cho phép (${p.maxBytes} byte).` : 'Tệp lớn hơn mức cho phép.') },
  'unsupported-file-type': { detail: 'Tệp không thuộc loại được nhận (PDF, JPEG hoặc PNG); loại tệp được xác định theo nội dung, không theo tên tệp.' },
  'file-content-mismatch': { detail: 'Nội dung tệp không đúng loại tệp đã khai (tệp hỏng, hoặc phần mở rộng của tên tệp là loại khác).' },
  'active-content-refused': { detail: 'Tệp PDF có nội dung chủ động (JavaScript, hành động tự chạy, tệp đính kèm, biểu mẫu XFA hoặc mã hóa) nên không được nhận.' },
  'upload-aborted': { detail: 'Việc tải lên bị ngắt trước khi nhận đủ dữ liệu.' },
  'too-many-lookup-attempts': { detail: 'Đã nhập sai mã tra cứu quá nhiều lần; hãy thử lại sau số giây ghi trong Retry-After.' },
  'complaint-not-found': { detail: 'Không tìm thấy phản ánh, kiến nghị với mã và mã tra cứu này.' },
  'complaint-answered': { detail: 'Phản ánh, kiến nghị này đã được trả lời.' },
  'form-not-issued': { detail: (p) => (typeof p.form === 'string' ? `Hồ sơ chưa có mẫu số ${p.form}.` : 'Hồ sơ chưa có mẫu này.') },

  // Workflow: cases, steps, officers.
  'case-not-found': { detail: 'Không có hồ sơ đang giải quyết với mã này trong các cơ quan của tài khoản.' },
  'case-opening': { detail: 'Hồ sơ vừa được tiếp nhận và đang được chuyển giải quyết; hãy thử lại sau một giây.' },
  'action-not-allowed': { detail: 'Thao tác này không thực hiện được ở bước hiện tại của hồ sơ.' },
  'not-your-step': { detail: 'Bước hiện tại của hồ sơ do vai trò khác hoặc cơ quan khác thực hiện.' },
  'assigned-to-another': { detail: 'Hồ sơ đã được phân công cho cán bộ khác.' },
  'invalid-new-appointment': { detail: 'Ngày hẹn trả mới phải sau ngày hẹn hiện tại và ở tương lai.' },
  'result-goes-by-post': { detail: 'Kết quả được gửi qua bưu chính và được ghi nhận đã trả khi bưu điện giao; muốn ghi nhận đã trả tại chỗ (người dân đến nhận trực tiếp), hãy nêu lý do.' },
  'invalid-assignee': { detail: 'Không phân công được hồ sơ cho cán bộ này.' },
  'not-your-agency': { detail: 'Tài khoản này không làm việc cho cơ quan này.' },

  // Postal: shipments, pickups, carriers.
  'shipment-not-found': { detail: 'Không tìm thấy bưu gửi này.' },
  'transition-not-allowed': { detail: withStatus('Bưu gửi không chuyển được sang trạng thái này') },
  'not-permitted': { detail: 'Tài khoản này không được thực hiện thao tác này với bưu gửi.' },
  'not-a-pickup': { detail: 'Bưu gửi này không phải hồ sơ nhận qua bưu chính.' },
  'dossier-not-receivable': { detail: 'Hồ sơ nhận qua bưu chính không tiếp nhận được.' },
  'tracking-number-taken': { detail: 'Số hiệu bưu gửi này đã được dùng cho bưu gửi khác.' },
  'invalid-collection-time': { detail: 'Thời điểm nhận hồ sơ từ người dân không hợp lệ.' },
  'carrier-not-found': { detail: 'Không có đơn vị bưu chính này gửi thông báo đến đây.' },
  'carrier-not-simulated': { detail: 'Đơn vị bưu chính mô phỏng không phải đơn vị đang dùng.' },
  'carrier-refused-move': { detail: 'Đơn vị bưu chính mô phỏng không có bưu gửi này.' },
  'carrier-refused-cancellation': { detail: 'Đơn vị bưu chính không hủy được bưu gửi này.' },
  'carrier-unavailable': { detail: `Đơn vị bưu chính tạm thời không trả lời; ${TRY_AGAIN}.` },
  'invalid-signature': { detail: 'Thông báo của đơn vị bưu chính phải có chữ ký hợp lệ.' },

  // Electronic results and the applicant's document store.
  'result-already-issued': { detail: 'Hồ sơ đã có kết quả điện tử đang có hiệu lực; muốn thay thế, hãy thu hồi kết quả đó trước.' },
  'not-result-issuer': { detail: 'Chỉ lãnh đạo hoặc công chức một cửa của cơ quan ban hành mới thu hồi hoặc thay thế kết quả điện tử.' },
  'result-not-found': { detail: 'Không tìm thấy kết quả điện tử này.' },
  'result-already-revoked': { detail: 'Kết quả điện tử này đã bị thu hồi.' },
  'result-not-replaceable': { detail: 'Hồ sơ chưa có kết quả điện tử bị thu hồi để thay thế; kết quả đầu tiên được ban hành bằng thao tác trả kết quả.' },
  'result-not-signable': { title: 'Tệp không ký số được', detail: 'Không ký số được tệp PDF đính kèm; hãy xuất lại tệp PDF và gửi lại.' },
  'signing-refused': { title: 'Không ký số được', detail: 'Dịch vụ ký số từ chối ký hoặc cơ quan chưa có chứng thư số; liên hệ quản trị hệ thống.' },
  'signing-unavailable': { title: 'Dịch vụ ký số tạm thời không phản hồi', detail: `Dịch vụ ký số chưa trả chữ ký; ${TRY_AGAIN}.` },
  'signing-failed': { title: 'Chữ ký số không hợp lệ', detail: 'Chữ ký nhận được từ dịch vụ ký số không kiểm tra được là hợp lệ; kết quả không được ban hành.' },
  'stored-document-not-found': { detail: 'Không tìm thấy tài liệu này trong kho dữ liệu của người nộp.' },
  'stored-document-mismatch': { title: 'Tài liệu không phù hợp', detail: fieldsNamed('Tài liệu trong kho không cùng loại với thành phần hồ sơ được yêu cầu') },
  'document-not-digitisable': { detail: 'Chỉ số hóa được tài liệu của hồ sơ do cơ quan mình tiếp nhận.' },
  // Fees and online payment.
  'invalid-fee-lines': { title: 'Khoản phí không hợp lệ', detail: fieldsNamed('Khoản phí, lệ phí không hợp lệ') },
  'bill-open': { detail: 'Hồ sơ đang có một yêu cầu nộp phí chưa thanh toán; chỉ xác định thêm phí sau khi yêu cầu đó được thanh toán hoặc hủy.' },
  'nothing-to-pay': { detail: 'Hồ sơ không có khoản phí, lệ phí nào đang chờ nộp.' },
  'bill-expired': { detail: 'Yêu cầu nộp phí đã hết hạn mà chưa được thanh toán; đề nghị cơ quan tiếp nhận yêu cầu nộp phí lại.' },
  'payment-platform-unavailable': { title: 'Nền tảng thanh toán tạm thời gián đoạn', detail: `Nền tảng thanh toán quốc gia chưa mở được trang thanh toán; ${TRY_AGAIN}.` },
  'bill-not-found': { detail: 'Không tìm thấy yêu cầu nộp phí có mã tham chiếu này.' },
  'amount-mismatch': { title: 'Số tiền không khớp', detail: 'Số tiền thanh toán không khớp với số tiền của yêu cầu nộp phí.' },
  'payment-not-found': { detail: 'Hồ sơ không có khoản thanh toán này.' },
  'already-refunded': { detail: 'Khoản thanh toán này đã được hoàn trả.' },
  'receipt-not-found': { detail: 'Không tìm thấy biên lai điện tử này, hoặc tài khoản không được xem biên lai này.' },
  'receipt-voided': { detail: 'Biên lai điện tử này đã bị hủy.' },
  'bill-not-open': { detail: (problem) => `Yêu cầu nộp phí không còn chờ thanh toán${typeof problem.billStatus === 'string' ? ` (trạng thái: ${problem.billStatus})` : ''}: không thu tiền cho yêu cầu này.` },
  'platform-not-simulated': { detail: 'Nền tảng thanh toán mô phỏng không phải nền tảng đang được cấu hình.' },
  'transaction-not-found': { detail: 'Không có giao dịch này trên nền tảng thanh toán mô phỏng.' },
  // The national portal connector.
  'not-a-portal-dossier': { detail: 'Hồ sơ này không do Cổng Dịch vụ công quốc gia chuyển đến.' },
  'portal-not-simulated': { detail: 'Cổng Dịch vụ công quốc gia và hệ thống EMC đang cấu hình đều không phải bản mô phỏng.' },
  'dossier-not-pushed': { detail: 'Chưa có dữ liệu nào của hồ sơ này được đưa vào hàng đợi đồng bộ lên Cổng Dịch vụ công quốc gia.' },
  'national-portal-off': { detail: 'Kết nối Cổng Dịch vụ công quốc gia đang tắt (NATIONAL_PORTAL=off): không đồng bộ được hồ sơ.' },
  // Monitoring.
  'metrics-credential-required': { detail: 'Số liệu giám sát chỉ trả cho hệ thống giám sát: cần METRICS_TOKEN hoặc thông tin xác thực của dịch vụ.' },
  // Reporting.
  'agency-not-yours': { detail: 'Tài khoản này chỉ xem báo cáo của các cơ quan mình.' },
  'rebuild-running': { detail: 'Đang có một lần dựng lại số liệu báo cáo; theo dõi tại GET /api/v1/reports/rebuild.' },
  'no-rebuild': { detail: 'Chưa có lần dựng lại số liệu báo cáo nào.' },
  // Notification: messages, templates, channels, notices.
  'unknown-placeholder': { title: 'Mẫu tin có trường không hợp lệ', detail: (problem) => `Mẫu tin dùng trường không có trong danh sách trường của loại tin này${Array.isArray(problem.placeholders) ? `: ${(problem.placeholders as string[]).map((p) => `{{${p}}}`).join(', ')}` : ''}.` },
  'malformed-placeholder': { title: 'Mẫu tin viết sai cú pháp', detail: 'Mẫu tin có trường viết sai cú pháp; mỗi trường viết dạng {{tên}}, tên gồm chữ cái và chữ số.' },
  'sms-too-long': { title: 'Tin nhắn quá dài', detail: 'Tin nhắn SMS theo mẫu này vượt quá hai tin (160 ký tự không dấu hoặc 70 ký tự có dấu mỗi tin); hãy rút gọn.' },
  'template-not-found': { detail: 'Không có mẫu tin của loại tin và kênh gửi này.' },
  'notice-not-found': { detail: 'Không tìm thấy thông báo này của tài khoản.' },
  'message-not-found': { detail: 'Không tìm thấy tin đã gửi này.' },
  'message-not-failed': { detail: withStatus('Chỉ gửi lại được tin gửi không thành công') },
  'message-purged': { detail: 'Nội dung tin đã hết thời hạn lưu giữ nên không gửi lại được.' },
  'organisation-contact-not-found': { detail: 'Tổ chức này chưa đăng ký địa chỉ thư điện tử chung cho các hồ sơ.' },
  'provider-not-found': { detail: 'Không có nhà cung cấp dịch vụ tin nhắn này.' },
  'stream-unavailable': { detail: `Tạm thời không theo dõi trực tiếp được thông báo; ${TRY_AGAIN}.` },
  'invalid-receipt-signature': { detail: 'Báo cáo trạng thái gửi tin của nhà cung cấp phải có chữ ký hợp lệ.' },
};

/**
 * Generic reasons of `errors[]` in Vietnamese. A reason written for one field (`must be a dossier
 * code such as …`) stays in English, which the field's name and the API reference explain;
 * the platform's own reasons and class-validator's default messages, which say the same thing
 * for any field, are given in Vietnamese (without the field's name, which `field` carries).
 */
const REASONS_VI: Record<string, string> = {
  'is not a known field': 'không phải là trường mà thao tác này nhận',
  'is not a valid cursor': 'không phải con trỏ phân trang do hệ thống cấp',
  'is given more than once': 'được gửi nhiều lần',
  'is required': 'là bắt buộc',
  'an unknown value was passed to the validate function': 'không phải là giá trị được nhận',
};

const DEFAULT_REASONS_VI: Array<[RegExp, (...groups: string[]) => string]> = [
  [/^\S+ should not be empty$/, () => 'không được để trống'],
  [/^\S+ should not be null or undefined$/, () => 'là bắt buộc'],
  [/^\S+ must be a string$/, () => 'phải là chuỗi ký tự'],
  [/^\S+ must be an integer number$/, () => 'phải là số nguyên'],
  [/^\S+ must be a number conforming to the specified constraints$/, () => 'phải là số'],
  [/^\S+ must be a boolean value$/, () => 'phải là true hoặc false'],
  [/^\S+ must be an array$/, () => 'phải là một danh sách'],
  [/^\S+ must be an object$/, () => 'phải là một đối tượng'],
  [/^\S+ must be an email$/, () => 'phải là địa chỉ thư điện tử'],
  [/^\S+ must be a UUID$/, () => 'phải là UUID'],
  [/^\S+ must not be greater than (\S+)$/, (n) => `không được lớn hơn ${n}`],
  [/^\S+ must not be less than (\S+)$/, (n) => `không được nhỏ hơn ${n}`],
  [/^\S+ must be shorter than or equal to (\d+) characters$/, (n) => `dài tối đa ${n} ký tự`],
  [/^\S+ must be longer than or equal to (\d+) characters$/, (n) => `dài tối thiểu ${n} ký tự`],
  [/^\S+ must contain no more than (\d+) elements$/, (n) => `có tối đa ${n} phần tử`],
  [/^\S+ must contain at least (\d+) elements$/, (n) => `có ít nhất ${n} phần tử`],
  [/^\S+ must be one of the following values: (.*)$/, (values) => `phải là một trong các giá trị: ${values}`],
  [/^nested property \S+ must be either object or array$/, () => 'phải là đối tượng hoặc danh sách'],
];

/** A field's reason in Vietnamese where a generic phrase says it, else as written. */
export function reasonInVietnamese(reason: string): string {
  const exact = REASONS_VI[reason];
  if (exact) return exact;
  // class-validator's `each: true` messages start with "each value in ".
  const each = reason.startsWith('each value in ');
  const generic = each ? reason.slice('each value in '.length) : reason;
  for (const [pattern, say] of DEFAULT_REASONS_VI) {
    const match = pattern.exec(generic);
    if (match) return each ? `mỗi giá trị ${say(...match.slice(1))}` : say(...match.slice(1));
  }
  return reason;
}
