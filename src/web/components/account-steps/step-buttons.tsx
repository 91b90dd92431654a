// "Back" and the step's main button: side by side from the xs breakpoint; on a phone the main
// button comes first, full width, where the thumb is.
import { Box } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './step-buttons.module.css';

export function StepButtons({ children }: { children: ReactNode }) {
  return <Box className={classes.buttons}>{children}</Box>;
}
