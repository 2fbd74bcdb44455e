/**
 * The parts realistic procedure names are generated from (verb + object + qualifier), for the
 * catalog search's test and benchmark: every combination is a plausible Vietnamese procedure
 * name, and a query like "cap giay phep lai xe" matches hundreds of them.
 */
export const VERBS = ['Cấp', 'Cấp lại', 'Cấp đổi', 'Điều chỉnh', 'Gia hạn', 'Thu hồi', 'Đăng ký', 'Đăng ký thay đổi', 'Xác nhận', 'Thẩm định', 'Phê duyệt', 'Công nhận'];
export const OBJECTS = [
  'giấy phép lái xe', 'giấy phép xây dựng', 'giấy chứng nhận quyền sử dụng đất', 'giấy chứng nhận đăng ký doanh nghiệp', 'giấy phép kinh doanh vận tải',
  'chứng chỉ hành nghề dược', 'giấy phép hoạt động khám bệnh, chữa bệnh', 'giấy chứng nhận đủ điều kiện an toàn thực phẩm', 'giấy phép lao động cho người nước ngoài',
  'giấy phép khai thác khoáng sản', 'giấy phép xả thải vào nguồn nước', 'giấy chứng nhận đăng ký hộ kinh doanh', 'giấy phép tổ chức biểu diễn nghệ thuật',
  'giấy phép hoạt động giáo dục nghề nghiệp', 'thẻ hướng dẫn viên du lịch', 'giấy phép bán lẻ rượu', 'giấy khai sinh', 'giấy chứng nhận kết hôn', 'phiếu lý lịch tư pháp',
  'giấy phép sử dụng vật liệu nổ công nghiệp',
];
export const QUALIFIERS = ['', ' cho tổ chức', ' cho cá nhân', ' có yếu tố nước ngoài', ' quốc tế', ' tại cấp tỉnh', ' tại cấp xã', ' trong trường hợp bị mất', ' do hết hạn', ' theo thủ tục rút gọn'];
