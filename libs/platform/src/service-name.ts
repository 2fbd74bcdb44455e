/** Injection token: the name of the service this process runs (`catalog`, `intake`, ...). */
export const SERVICE_NAME = Symbol('SERVICE_NAME');
