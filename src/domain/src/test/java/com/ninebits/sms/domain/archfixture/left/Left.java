package com.ninebits.sms.domain.archfixture.left;

import com.ninebits.sms.domain.archfixture.right.Right;

/** Half of a deliberate package cycle: the cycle rule must find it (ArchitectureTest). */
public final class Left {

    public Right right() {
        return new Right();
    }
}
