export * from './key-rotation.service';
export * from './key-rotation.module';
