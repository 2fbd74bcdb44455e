/**
 * What a person's name becomes where their personal data was erased at the end of its retention
 * (Decree 13/2023): every service writes the same words, so a reader of any copy knows why.
 */
export const ERASED_PERSON_NAME = 'Đã xóa theo thời hạn lưu trữ dữ liệu cá nhân';
