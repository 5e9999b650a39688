"""Module: The Safe and Together model (an introduction, not accredited training)."""

import datetime

MODULE = {
    "slug": "safe-and-together",
    "title": "The Safe and Together model",
    "summary": (
        "An introduction to the Safe and Together model: keeping children safe and together with "
        "the non-abusing parent, and holding the abusive parent accountable for their choices. It "
        "does not replace accredited Safe & Together Institute training."
    ),
    "audiences": ["social-care", "all-frontline", "health", "education", "managers"],
    "outcomes": [
        (
            "By the end you will be able to explain what the Safe and Together model is and why "
            "Southampton uses it."
        ),
        (
            "By the end you will be able to name the model's three principles and five critical "
            "components."
        ),
        (
            "By the end you will be able to move the focus from 'failure to protect' to the "
            "abusive parent's pattern of behaviour and parenting choices."
        ),
        (
            "By the end you will be able to recognise and record what the non-abusing parent does "
            "to keep their children safe and well."
        ),
        (
            "By the end you will be able to write case notes that keep the person causing harm "
            "visible and the child at the centre."
        ),
    ],
    "estimated_minutes": 60,
    "cpd_minutes": 60,
    "refresh_months": 36,
    "content_note": (
        "This module talks about domestic abuse and coercive control, and how they harm children "
        "and the non-abusing parent. Case studies describe threats, control and violence in "
        "families. They do not describe injuries in detail."
    ),
    "review_by": datetime.date(2027, 11, 1),
    "contact": "The Domestic Abuse Training Coordinator, through your agency lead",
    "lessons": [
        {
            "slug": "what-safe-and-together-is",
            "title": "What the Safe and Together model is",
            "summary": (
                "What the model is, why Southampton uses it, and the words this module uses."
            ),
            "minutes": 10,
            "distressing": False,
            "content_note": "",
            "body": [
                (
                    "text",
                    (
                        "<p>This module introduces the Safe and Together model. It explains the "
                        "main ideas and shows how they can change what you do and write every "
                        "day.</p><p>It is an introduction only. It does not replace accredited "
                        "training from the Safe & Together Institute, and finishing it does not "
                        "make you a certified Safe & Together practitioner.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "title": "This is an introduction, not accredited training",
                        "text": (
                            "<p>The Safe & Together Institute offers its own training, "
                            "certification and agency partnerships. In Southampton, Safe and "
                            "Together training is already provided to practitioners in Children's "
                            "Social Care and across the partnership. Ask your manager or agency "
                            "lead how to get a place.</p>"
                        ),
                    },
                ),
                (
                    "heading",
                    {
                        "text": "What the model is",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        "<p>Southampton's Domestic Abuse and VAWG Strategy describes Safe and "
                        'Together as <i>"an evidence-based, child-centred model of working which '
                        "promotes partnership with the non-abusive parent and holding the abusive "
                        "parent accountable for their abuse, which is recognised as a parenting "
                        'choice."</i></p><p>The Safe & Together Institute describes it as a '
                        "framework based on the perpetrator's pattern of behaviour. It is "
                        "child-centred and builds on the strengths of the protective parent. It "
                        "moves the focus away from blaming protective carers, who are usually "
                        "mothers, and towards holding perpetrators accountable <b>as "
                        "parents</b>.</p><p>The model was first developed for child protection "
                        "services. It is now used much more widely, for example by domestic abuse "
                        "services, family services, courts, health services, and mental health and "
                        "addiction services.</p><p>The name comes from a simple idea: children "
                        "living with a perpetrator's behaviour usually do best when they can stay "
                        "<b>safe and together</b> with their protective parent.</p>"
                    ),
                ),
                (
                    "heading",
                    {
                        "text": "Why it matters in Southampton",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        "<p>Action 14 of the city's strategy says that services responding to "
                        "domestic abuse will help children and young people to stay 'Safe and "
                        "Together' with their non-abusive parent or guardian wherever this will "
                        "give them the best outcomes.</p><p>Many of the families you meet will "
                        "have children. The strategy reports that over half (54.3%) of High-Risk "
                        "Domestic Abuse (HRDA) referrals in Southampton had children or young "
                        "people in the household (2019/2021).</p>"
                    ),
                ),
                (
                    "legislation",
                    {
                        "quote": (
                            "Any reference in this Act to a victim of domestic abuse includes a "
                            "reference to a child who— (a) sees or hears, or experiences the "
                            "effects of, the abuse, and (b) is related to A or B."
                        ),
                        "citation": "Domestic Abuse Act 2021, section 3(2)",
                        "url": "https://www.legislation.gov.uk/ukpga/2021/17/section/3",
                    },
                ),
                (
                    "text",
                    (
                        "<p>In this section, A is the person carrying out the abuse and B is the "
                        "adult being abused. So the law treats a child who lives with domestic "
                        "abuse as a victim in their own right. Safe and Together gives you a "
                        "practical way to act on that: look closely at what the abusive parent is "
                        "doing, and how it affects the child.</p>"
                    ),
                ),
                (
                    "accordion",
                    {
                        "sections": [
                            {
                                "heading": "Perpetrator, abusive parent, person causing harm",
                                "content": (
                                    "<p>The model uses 'perpetrator'. Southampton's strategy says "
                                    "'abusive parent'. This module uses both. They mean the parent "
                                    "or carer whose abusive and controlling behaviour is the "
                                    "source of the harm.</p>"
                                ),
                            },
                            {
                                "heading": "Non-offending, non-abusing or protective parent",
                                "content": (
                                    "<p>The model says 'non-offending parent' or 'survivor'. "
                                    "Southampton's strategy says 'non-abusive parent'. They mean "
                                    "the parent being abused, who is usually also trying to "
                                    "protect the children.</p>"
                                ),
                            },
                            {
                                "heading": "Who the model applies to",
                                "content": (
                                    "<p>The model has a strong gender analysis, because most "
                                    "perpetrators in these cases are fathers or father figures and "
                                    "most protective parents are mothers. The Institute says it "
                                    "also applies to other family structures and patterns of "
                                    "abuse, including women's use of force against male partners. "
                                    "In this module we often say 'he' for the perpetrator and "
                                    "'she' for the protective parent, because that is the most "
                                    "common pattern.</p>"
                                ),
                            },
                        ],
                    },
                ),
                (
                    "reflection",
                    {
                        "question": (
                            "Think of a family you have worked with where there was domestic "
                            "abuse. Whose behaviour did the records say most about?"
                        ),
                        "hint": (
                            "Many practitioners find that records say much more about the mother's "
                            "choices than about the behaviour of the person using abuse."
                        ),
                    },
                ),
                (
                    "sources",
                    {
                        "sources": [
                            {
                                "title": (
                                    "Southampton Domestic Abuse and VAWG Strategy 2023–2028, "
                                    "Southampton City Council"
                                ),
                                "url": "https://www.southampton.gov.uk/domestic-abuse/",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": "The Safe & Together Model, Safe & Together Institute",
                                "url": (
                                    "https://safeandtogetherinstitute.com/the-safe-together-model"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "The Safe and Together model (Home Truths practice note), NSW "
                                    "Department of Communities and Justice"
                                ),
                                "url": (
                                    "https://www.cwpracticelive.facs.nsw.gov.au/@home-truths/2015/04/23/36246/the-safe-and-together-model"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Safe and Together Model: improving competencies and "
                                    "cross-system collaboration, CEA"
                                ),
                                "url": "https://cea.uk.com/safe-and-together-model/",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": "What is Safe & Together?, Home & Family (New Zealand)",
                                "url": "https://www.homeandfamily.net.nz/safe-and-together",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Domestic Abuse Act 2021, section 3 (children as victims of "
                                    "domestic abuse)"
                                ),
                                "url": "https://www.legislation.gov.uk/ukpga/2021/17/section/3",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Safe & Together Addressing ComplexitY for Children (STACY for "
                                    "Children), ANROWS Research Report 22/2020"
                                ),
                                "url": "https://apo.org.au/node/308927",
                                "date_checked": "2026-11-22",
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "principles-and-critical-components",
            "title": "Three principles and five critical components",
            "summary": (
                "The principles tell you what to aim for. The critical components tell you what to "
                "look at."
            ),
            "minutes": 12,
            "distressing": False,
            "content_note": "",
            "body": [
                (
                    "text",
                    (
                        "<p>The model rests on three principles. They describe what you are trying "
                        "to achieve with a family. Alongside them are five critical components. "
                        "They describe what a good assessment needs to look at.</p>"
                    ),
                ),
                (
                    "heading",
                    {
                        "text": "The three principles",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        "<ol><li><b>Keeping the child safe and together with the non-offending "
                        "parent.</b> Children usually need the stability and care that the "
                        "protective parent gives them. Removing a child from that parent should "
                        "only be considered after every reasonable effort to partner with her and "
                        "to intervene with the perpetrator, and where he still poses a risk to the "
                        "child.</li><li><b>Partnering with the non-offending parent as the default "
                        "position.</b> 'Default' means this is where you start. Working alongside "
                        "the protective parent is usually the most effective way to keep the "
                        "children safe. You build on her strengths and on what she is already "
                        "doing.</li><li><b>Intervening with the perpetrator to reduce risk and "
                        "harm to the child.</b> His behaviour is the source of the harm, so "
                        "reducing the risk depends on working with him or acting on his behaviour. "
                        "That can mean engaging him as a father. It can also mean action through "
                        "the justice system.</li></ol>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "title": "The principles in one sentence",
                        "text": (
                            "<p>Keep children with the safe parent, work alongside that parent, "
                            "and direct your intervention at the person causing the harm.</p>"
                        ),
                    },
                ),
                (
                    "heading",
                    {
                        "text": "The five critical components",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        "<p>The Safe & Together Institute calls the five critical components the "
                        "foundation of assessment and decision-making in domestic abuse cases. The "
                        "Institute's practical tools, such as mapping the perpetrator's pattern "
                        "and 'pivoting to the perpetrator', come from them. Open each one "
                        "below.</p>"
                    ),
                ),
                (
                    "accordion",
                    {
                        "sections": [
                            {
                                "heading": "1. The perpetrator's pattern of coercive control",
                                "content": (
                                    "<p>Look at the whole pattern of violent, abusive and "
                                    "controlling behaviour, not just the latest incident. Look at "
                                    "his behaviour in past relationships too. This can tell you "
                                    "about how dangerous he is and how he parents.</p>"
                                ),
                            },
                            {
                                "heading": "2. Actions taken by the perpetrator to harm the child",
                                "content": (
                                    "<p>Go beyond 'Did the children see or hear it?' Ask what he "
                                    "has done that involves or targets the children. For example, "
                                    "using a child against their mother, or harming family life in "
                                    "ways that reach the children, such as cutting off money or "
                                    "isolating the family.</p>"
                                ),
                            },
                            {
                                "heading": (
                                    "3. The full spectrum of the non-offending parent's efforts to "
                                    "promote the child's safety and wellbeing"
                                ),
                                "content": (
                                    "<p>Look for the specific things she does to keep the children "
                                    "safe and well, not just general 'strengths'. Some efforts are "
                                    "easy to see. Others are small acts that often go unnoticed, "
                                    "such as keeping routines going or taking the children out "
                                    "when he is angry.</p>"
                                ),
                            },
                            {
                                "heading": (
                                    "4. The adverse impact of the perpetrator's behaviour on the "
                                    "child"
                                ),
                                "content": (
                                    "<p>Describe how his behaviour affects the child, directly and "
                                    "indirectly. That includes the child's feelings, sleep, "
                                    "learning and health. It also includes the harm he does to "
                                    "family life, for example to money, housing and the child's "
                                    "relationship with their mother.</p>"
                                ),
                            },
                            {
                                "heading": (
                                    "5. The role of substance abuse, mental health, culture and "
                                    "other socio-economic factors"
                                ),
                                "content": (
                                    "<p>Work out how these issues connect with the abuse. A "
                                    "perpetrator may cause or worsen a survivor's mental health "
                                    "problems, undermine her recovery, or make false claims about "
                                    "her drinking or mental health. His own drug or alcohol use, "
                                    "culture or history can be part of the picture, but they do "
                                    "not excuse the abuse.</p>"
                                ),
                            },
                        ],
                    },
                ),
                (
                    "practice_point",
                    {
                        "text": (
                            "<p>Use the components as questions in your assessments and "
                            "supervision: What has he done to control the family? What has he done "
                            "that involves the children? What has she done to keep them safe? How "
                            "has his behaviour affected the children? What part do alcohol, drugs, "
                            "mental health or other factors play?</p>"
                        ),
                    },
                ),
                (
                    "case_study",
                    {
                        "title": "Amira and the baby clinic",
                        "scenario": (
                            "<p>You are a health visitor. At a routine visit, Amira, who has a "
                            "baby and a six-year-old, tells you her partner Dean takes her bank "
                            "card, checks her phone every night and has said that if she 'tells "
                            "anyone' social services will take the children. She has kept every "
                            "one of the baby's appointments. On days when Dean is angry, she asks "
                            "her sister to take her older child to school.</p>"
                        ),
                        "questions": (
                            "<p>Which critical components can you see? What would you write in "
                            "your record?</p>"
                        ),
                        "discussion": (
                            "<p>Dean's control of money and phone, and his threats, are part of a "
                            "pattern of coercive control (component 1). Using the children to "
                            "frighten Amira into silence is an action that involves the children "
                            "(component 2). Keeping appointments and asking her sister for help "
                            "are protective efforts (component 3). Ask how the six-year-old is "
                            "sleeping, playing and learning (component 4). Record Dean's behaviour "
                            "by name, record Amira's efforts, speak to your safeguarding lead, and "
                            "offer specialist advice, for example from the PIPPA helpline.</p>"
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "question": (
                            "Which of the five components does your service's assessment form ask "
                            "about? Which does it leave out?"
                        ),
                        "hint": (
                            "Many forms ask about incidents and the mother's actions, but not "
                            "about the perpetrator's parenting or the mother's protective efforts."
                        ),
                    },
                ),
                (
                    "sources",
                    {
                        "sources": [
                            {
                                "title": "The Safe & Together Model, Safe & Together Institute",
                                "url": (
                                    "https://safeandtogetherinstitute.com/the-safe-together-model"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Safe & Together Addressing ComplexitY for Children (STACY for "
                                    "Children), ANROWS Research Report 22/2020"
                                ),
                                "url": "https://apo.org.au/node/308927",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Safe and Together model, Child Safety Practice Manual, "
                                    "Queensland Government"
                                ),
                                "url": (
                                    "https://cspm.csyw.qld.gov.au/practice-kits/domestic-and-family-violence/overview-of-domestic-and-family-violence/safe-and-together-model"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Key messages: domestic and family violence practice kit, "
                                    "Queensland Government"
                                ),
                                "url": (
                                    "https://cspm.csyw.qld.gov.au/practice-kits/domestic-and-family-violence/overview-of-domestic-and-family-violence/key-messages"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Making good decisions: how professionals use the Safe & "
                                    "Together Model critical components (podcast, Safe & Together "
                                    "Institute)"
                                ),
                                "url": (
                                    "https://www.buzzsprout.com/799610/7723552-season-2-episode-4-making-good-decisions-how-professionals-use-the-safe-together-model-critical-components-to-help-adult-and-child-survivors"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Good assessment of the perpetrator's pattern of behaviour "
                                    "goes beyond 'Did the children see or hear the violence?', "
                                    "David Mandel (2012)"
                                ),
                                "url": (
                                    "http://endingviolence.com/2012/04/good-assessment-of-the-perpetrators-pattern-behavior-and-its-impact-goes-beyond-did-the-children-see-or-hear-the-violence/"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Characteristics of the Safe and Together Model suite of tools "
                                    "and interventions, Safe & Together Institute"
                                ),
                                "url": (
                                    "https://safeandtogetherinstitute.com/safe-together/safe-together-overview/characteristics-of-the-safe-and-together-model-suite-of-tools-and-interventions/"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Safe & Together Intersections Meeting (STIM) Guide, Safe & "
                                    "Together Institute"
                                ),
                                "url": "https://safeandtogetherinstitute.com/stim-guide",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Southampton Domestic Abuse and VAWG Strategy 2023–2028, "
                                    "Southampton City Council"
                                ),
                                "url": "https://www.southampton.gov.uk/domestic-abuse/",
                                "date_checked": "2026-11-22",
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "from-failure-to-protect-to-perpetrator-pattern",
            "title": "From 'failure to protect' to the perpetrator's choices",
            "summary": (
                "How to pivot from blaming the protective parent to the abusive parent's pattern "
                "of behaviour and parenting choices."
            ),
            "minutes": 12,
            "distressing": True,
            "content_note": (
                "This lesson describes how abusive parents harm children and partners, including "
                "threats and coercive control. It does not describe injuries in detail."
            ),
            "body": [
                (
                    "text",
                    (
                        "<p>In many child protection systems, when domestic abuse harms a child, "
                        "the mother is held responsible for protecting them. She may be asked to "
                        "leave, end contact or get a court order, at a time when she is at risk of "
                        "serious harm herself. If she does not manage these tasks, she can be "
                        "blamed for 'failing to protect' the children.</p><p>This lets the person "
                        "causing the harm drop out of view. The Safe and Together model was "
                        "designed to move away from this 'failure to protect' response.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "title": "Abuse is a parenting choice",
                        "text": (
                            "<p>Southampton's strategy recognises domestic abuse as a parenting "
                            "choice. The model holds fathers who are perpetrators to the same "
                            "standard of parenting that we expect of mothers.</p>"
                        ),
                    },
                ),
                (
                    "heading",
                    {
                        "text": "What pivoting looks like",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        "<p>'Pivoting to the perpetrator' means noticing when a conversation, "
                        "meeting or record drifts onto the protective parent's choices, and "
                        "turning it back to the perpetrator's behaviour and choices. For "
                        'example:</p><ul><li>Instead of "Why does she keep letting him back?", '
                        'ask "What does he do to get back into the home, and what does he '
                        'threaten if she says no?"</li><li>Instead of "Mum is not engaging", '
                        'ask "What is he doing that makes it hard or unsafe for her to work with '
                        'us?"</li><li>Instead of "The children were exposed to domestic abuse", '
                        'say who did what: "He assaulted their mother while the children were in '
                        'the house."</li><li>Instead of "Mum must protect the children", ask '
                        '"What must he stop doing, and what will we do to make that '
                        'happen?"</li></ul>'
                    ),
                ),
                (
                    "heading",
                    {
                        "text": "Look at the whole pattern",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        "<p>Assessment often starts and stops with the most recent incident of "
                        "violence. The model asks you to look at the perpetrator's full pattern of "
                        "behaviour, including in past relationships. Ending the relationship or "
                        "living apart does not by itself make the children safe. The model keeps "
                        "the focus on the children's safety and wellbeing wherever he "
                        "lives.</p><p>The Institute also describes 'multiple pathways to harm'. A "
                        "perpetrator harms children directly, and also indirectly, through what he "
                        "does to their mother's parenting and to family life: money, housing, "
                        "friendships, school and health.</p>"
                    ),
                ),
                (
                    "heading",
                    {
                        "text": "Alcohol, drugs, mental health and other factors",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        "<p>These issues often sit alongside domestic abuse. Southampton's "
                        "strategy reports that alcohol was recorded as a factor in 1 in 5 (20.4%) "
                        "domestic VAWG incidents. Alcohol can make abuse more dangerous, but it "
                        "does not explain the whole pattern. Do not assume the control or the harm "
                        'to the children only happens when he drinks. Ask, for example: "What is '
                        'his parenting like when he is sober?"</p><p>Perpetrators may also use a '
                        "survivor's mental health or substance use against her, cause or worsen "
                        "those problems, or undermine her recovery. One practice example describes "
                        "a father who took away a mother's transport so she missed mental health "
                        "appointments, then contacted services to say he was worried about her "
                        "mental health.</p>"
                    ),
                ),
                (
                    "case_study",
                    {
                        "title": "Leo is late again",
                        "scenario": (
                            "<p>You are a class teacher. Leo, aged 8, is often late and tired. His "
                            "mum, Kayleigh, tells you quietly that his dad, Tom, keeps the car "
                            "keys and she is not allowed out without him. Tom has emailed the "
                            "school to say Kayleigh 'can't cope' and 'drinks too much', and asks "
                            "that all messages go to him.</p>"
                        ),
                        "questions": (
                            "<p>What might a 'failure to protect' view conclude? What does a "
                            "perpetrator-pattern view see? What should you do next?</p>"
                        ),
                        "discussion": (
                            "<p>A 'failure to protect' view would focus on Kayleigh's lateness and "
                            "Tom's claims about her drinking. A perpetrator-pattern view sees Tom "
                            "controlling transport and her movements, and trying to shape how the "
                            "school sees her (components 1 and 5). It also sees that Kayleigh "
                            "still gets Leo to school (component 3) and that Leo is affected "
                            "(component 4). Record exactly what Kayleigh and Leo told you, tell "
                            "your designated safeguarding lead the same day, and follow school "
                            "safeguarding procedures. Do not agree to send all messages to Tom "
                            "without advice: it could increase his control. Your safeguarding lead "
                            "can get advice from the PIPPA helpline or contact the Children's "
                            "Resource Service.</p>"
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "question": (
                            "Think of a recent conversation or record. Where could you have "
                            "pivoted from what the protective parent did to what the abusive "
                            "parent did?"
                        ),
                        "hint": (
                            "Look for sentences where she is the subject of the verb and he does "
                            "not appear at all."
                        ),
                    },
                ),
                (
                    "sources",
                    {
                        "sources": [
                            {
                                "title": (
                                    "The Safe and Together model (Home Truths practice note), NSW "
                                    "Department of Communities and Justice"
                                ),
                                "url": (
                                    "https://www.cwpracticelive.facs.nsw.gov.au/@home-truths/2015/04/23/36246/the-safe-and-together-model"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Southampton Domestic Abuse and VAWG Strategy 2023–2028, "
                                    "Southampton City Council"
                                ),
                                "url": "https://www.southampton.gov.uk/domestic-abuse/",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Characteristics of the Safe and Together Model suite of tools "
                                    "and interventions, Safe & Together Institute"
                                ),
                                "url": (
                                    "https://safeandtogetherinstitute.com/safe-together/safe-together-overview/characteristics-of-the-safe-and-together-model-suite-of-tools-and-interventions/"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Making good decisions: how professionals use the Safe & "
                                    "Together Model critical components (podcast, Safe & Together "
                                    "Institute)"
                                ),
                                "url": (
                                    "https://www.buzzsprout.com/799610/7723552-season-2-episode-4-making-good-decisions-how-professionals-use-the-safe-together-model-critical-components-to-help-adult-and-child-survivors"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Good assessment of the perpetrator's pattern of behaviour "
                                    "goes beyond 'Did the children see or hear the violence?', "
                                    "David Mandel (2012)"
                                ),
                                "url": (
                                    "http://endingviolence.com/2012/04/good-assessment-of-the-perpetrators-pattern-behavior-and-its-impact-goes-beyond-did-the-children-see-or-hear-the-violence/"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "A Safe and Together Model elevator speech, David Mandel, Safe "
                                    "& Together Institute"
                                ),
                                "url": (
                                    "https://safeandtogetherinstitute.com/a-safe-and-together-model-elevator-speech/"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Safe & Together Intersections Meeting (STIM) Guide, Safe & "
                                    "Together Institute"
                                ),
                                "url": "https://safeandtogetherinstitute.com/stim-guide",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "The Safe and Together model and the intersection of "
                                    "perpetrators' patterns and substance use, David Mandel (2015)"
                                ),
                                "url": (
                                    "http://endingviolence.com/2015/02/the-safe-and-together-model-and-alternative-response-the-intersectionality-of-perpetrators-patterns-and-substance-use/"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Child Safety's approach to domestic and family violence, "
                                    "Queensland Government"
                                ),
                                "url": (
                                    "https://cspm.csyw.qld.gov.au/practice-kits/domestic-and-family-violence/overview-of-domestic-and-family-violence/child-safety-s-approach-to-dfv"
                                ),
                                "date_checked": "2026-11-22",
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "partnering-with-the-non-abusing-parent",
            "title": "Partnering with the non-abusing parent",
            "summary": (
                "How to recognise the protective parent's efforts and build plans with her, not "
                "about her."
            ),
            "minutes": 13,
            "distressing": True,
            "content_note": (
                "This lesson includes a case study about threats and control after a couple has "
                "separated."
            ),
            "body": [
                (
                    "text",
                    (
                        "<p>Partnering with the non-abusing parent is the model's default "
                        "position. It means building an alliance with her that recognises her "
                        "strengths and how she has kept parenting despite the harm the perpetrator "
                        "causes to family life.</p><p>The Safe & Together Institute says we should "
                        "give protective mothers full credit for keeping up their parenting under "
                        "intense stress and pressure. Partnership is tied to the children: you "
                        "look for the specific things she has done to keep them safe and well.</p>"
                    ),
                ),
                (
                    "heading",
                    {
                        "text": "Recognising protective efforts",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        "<p>Mothers and children develop their own ways of coping with abuse and "
                        "protecting themselves. Some are easy to see, such as calling the police. "
                        "Others are quiet: keeping mealtimes and bedtimes going, taking the "
                        "children to a relative's when he is angry, keeping every school and "
                        "health appointment, or planning what to do in an emergency.</p><p>In the "
                        "past, services often treated court orders, arrest and separation as the "
                        "only 'real' protective actions. David Mandel, who founded the Safe & "
                        "Together Institute, says this over-emphasis made it harder to partner "
                        "with families and led to plans that did not fit their reality.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "title": "Leaving is not the only protective action",
                        "text": (
                            "<p>Separation does not by itself make children safe, and staying does "
                            "not mean a mother is not protecting them. Ask what she is already "
                            "doing, what has worked, and what would make it safer.</p>"
                        ),
                    },
                ),
                (
                    "heading",
                    {
                        "text": "What partnering looks like in practice",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        "<ul><li>See her on her own, somewhere safe, where the perpetrator will "
                        "not know or overhear.</li><li>Ask what she has done to keep the children "
                        "safe, and listen for the small things as well as the big "
                        "ones.</li><li>Name his behaviour as the problem. Tell her what you "
                        "see.</li><li>Be honest about your worries for the children and about what "
                        "you must share. Partnering does not mean keeping secrets you cannot "
                        "keep.</li><li>Build plans with her that depend on his behaviour changing, "
                        "not only on her actions.</li><li>Think about whether letters, calls or "
                        "meetings could put her at risk if he sees or hears about them.</li></ul>"
                    ),
                ),
                (
                    "practice_point",
                    {
                        "text": (
                            "<p>Partnering never means ignoring risk to a child. If a child or "
                            "adult is in immediate danger, call 999. Follow your safeguarding "
                            "procedures as usual. You can act to protect a child and still work "
                            "alongside the protective parent.</p>"
                        ),
                    },
                ),
                (
                    "case_study",
                    {
                        "title": "Sam's plan",
                        "scenario": (
                            "<p>You are a social worker. Sam has two children and has separated "
                            "from their father, Craig. After contact, Craig often turns up at her "
                            "door, shouts and says he will tell social services she is an unfit "
                            "mother. Sam has moved handovers to her mum's house and keeps a diary "
                            "of what happens. The current child in need plan says: 'Sam must not "
                            "allow Craig into the home.'</p>"
                        ),
                        "questions": (
                            "<p>What has Sam done to protect the children? What is wrong with the "
                            "current plan? What would a partnered plan include?</p>"
                        ),
                        "discussion": (
                            "<p>Sam has moved handovers, involved her mum and kept a diary. These "
                            "are protective efforts and should be recorded. The plan puts all the "
                            "responsibility on Sam and says nothing about Craig, even though he is "
                            "the one turning up and making threats. A partnered plan would name "
                            "Craig's behaviour and set out actions aimed at him, such as working "
                            "with him as a father, considering a referral to a behaviour change "
                            "programme, and involving the police if his threats or behaviour are "
                            "offences. It would offer Sam specialist support, and be reviewed with "
                            "her.</p>"
                        ),
                    },
                ),
                (
                    "heading",
                    {
                        "text": "Local support",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        "<p>The <b>PIPPA helpline (023 8091 7917)</b> is open to practitioners and "
                        "the public. Trained specialists give guidance, support and safety advice "
                        "and, with consent, complete a DASH risk assessment. People assessed as "
                        "high risk are referred through the Children's Resource Service (formerly "
                        "the MASH) into the High-Risk Domestic Abuse (HRDA) process, and to the "
                        "IDVA service.</p><p>For the abusive parent, the Hampton Trust runs the "
                        "city's community perpetrator programme. Any man worried about his "
                        "behaviour can contact it directly, and practitioners can refer with his "
                        "consent. Male Engagement Workers work one-to-one with fathers whose "
                        "children are supported by Children's Social Care.</p>"
                    ),
                ),
                (
                    "get_help",
                    {
                        "heading": "Where to get help",
                        "services": [
                            "emergency-999",
                            "pippa",
                            "national-da-helpline",
                            "hampton-trust",
                            "respect-phone-line",
                        ],
                    },
                ),
                (
                    "reflection",
                    {
                        "question": (
                            "Look at the last plan you wrote or contributed to for a family living "
                            "with domestic abuse. How many actions were for the protective parent, "
                            "and how many for the abusive parent?"
                        ),
                        "hint": (
                            "If most actions are for her, ask what the plan expects him to change, "
                            "and who will hold him to it."
                        ),
                    },
                ),
                (
                    "sources",
                    {
                        "sources": [
                            {
                                "title": (
                                    "Safe and Together model, Child Safety Practice Manual, "
                                    "Queensland Government"
                                ),
                                "url": (
                                    "https://cspm.csyw.qld.gov.au/practice-kits/domestic-and-family-violence/overview-of-domestic-and-family-violence/safe-and-together-model"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Key messages: domestic and family violence practice kit, "
                                    "Queensland Government"
                                ),
                                "url": (
                                    "https://cspm.csyw.qld.gov.au/practice-kits/domestic-and-family-violence/overview-of-domestic-and-family-violence/key-messages"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": "The Safe & Together Model, Safe & Together Institute",
                                "url": (
                                    "https://safeandtogetherinstitute.com/the-safe-together-model"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Characteristics of the Safe and Together Model suite of tools "
                                    "and interventions, Safe & Together Institute"
                                ),
                                "url": (
                                    "https://safeandtogetherinstitute.com/safe-together/safe-together-overview/characteristics-of-the-safe-and-together-model-suite-of-tools-and-interventions/"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "A Safe and Together Model elevator speech, David Mandel, Safe "
                                    "& Together Institute"
                                ),
                                "url": (
                                    "https://safeandtogetherinstitute.com/a-safe-and-together-model-elevator-speech/"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Southampton Domestic Abuse and VAWG Strategy 2023–2028, "
                                    "Southampton City Council"
                                ),
                                "url": "https://www.southampton.gov.uk/domestic-abuse/",
                                "date_checked": "2026-11-22",
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "recording-that-keeps-the-perpetrator-visible",
            "title": "Recording that keeps the perpetrator visible",
            "summary": (
                "How to write case notes that name the person causing harm, show the impact on the "
                "child and credit the protective parent."
            ),
            "minutes": 13,
            "distressing": False,
            "content_note": "",
            "body": [
                (
                    "text",
                    (
                        "<p>Records shape decisions. They are read by other agencies, used in "
                        "meetings and courts, and sometimes read by the family. The Safe & "
                        "Together Institute notes that even where everyone agrees on the "
                        "principles, assessments, case notes and plans often drift back to "
                        "examining a survivor's choices rather than recording the behaviour of the "
                        "person using violence. Different agencies then hold different stories "
                        "about the same family, and responsibility moves away from where the harm "
                        "comes from.</p><p>The model is fact-based and focuses on behaviour. Good "
                        "recording maps what the perpetrator did and what the protective parent "
                        "did.</p>"
                    ),
                ),
                (
                    "heading",
                    {
                        "text": "Five habits of good recording",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        '<ol><li><b>Name who did it.</b> Use the active voice: "Mr A pushed Ms '
                        'B", not "Ms B was pushed" or "there was an '
                        'incident".</li><li><b>Describe behaviour, not labels.</b> Avoid words '
                        "like 'volatile', 'toxic' or 'a domestic'. Say what happened, when, and "
                        "who was there.</li><li><b>Link the behaviour to the child.</b> Record how "
                        "it affected the child's safety, feelings, sleep, learning or "
                        "health.</li><li><b>Record protective efforts.</b> Write down what the "
                        "non-abusing parent did to keep the children safe, in her words where you "
                        "can.</li><li><b>Avoid shared-blame words.</b> Phrases such as 'the couple "
                        "argue', 'parental conflict' or 'both parents need to…' hide who is doing "
                        "the harm.</li></ol>"
                    ),
                ),
                (
                    "accordion",
                    {
                        "sections": [
                            {
                                "heading": "Example 1: an incident note",
                                "content": (
                                    '<p><b>Before:</b> "Domestic incident at the address. Couple '
                                    "had been drinking and were arguing. Mum has a black eye. "
                                    "Children present. Mum has again failed to protect the "
                                    'children."</p><p><b>After:</b> "At about 10pm on 14 March, '
                                    "Mr A hit Ms B in the face, leaving bruising around her left "
                                    "eye. Mr A had been drinking. Their children, aged 4 and 7, "
                                    "were in the next room; the 7-year-old came in and saw her "
                                    "mother injured. Ms B took the children upstairs, called 999 "
                                    'and asked a neighbour to sit with them."</p>'
                                ),
                            },
                            {
                                "heading": "Example 2: a social care assessment",
                                "content": (
                                    '<p><b>Before:</b> "Mum continues to allow Dad into the '
                                    "family home despite agreeing not to. Mum is not prioritising "
                                    'the children\'s needs."</p><p><b>After:</b> "Mr C has come '
                                    "to the family home three times this month after Ms D told him "
                                    "he could not. On 2 May he said he would 'take the kids and "
                                    "she'll never see them' if she called the police. Ms D has "
                                    "changed the locks and asked the school not to release the "
                                    "children to him. Mr C's choice to keep coming to the home "
                                    "puts the children at risk of seeing more abuse and of being "
                                    'used to threaten their mother."</p>'
                                ),
                            },
                            {
                                "heading": "Example 3: a school record",
                                "content": (
                                    '<p><b>Before:</b> "J is unsettled. Parents going through a '
                                    "difficult separation with lots of conflict at "
                                    'home."</p><p><b>After:</b> "J (9) told me today: \'Dad '
                                    "shouts at Mum and says she's stupid, and he broke the TV.' J "
                                    "said he lies awake listening. Mum has told the school that "
                                    "Dad has moved out and has asked for J to see the school "
                                    "counsellor. Passed to the designated safeguarding lead at "
                                    '11:20."</p>'
                                ),
                            },
                            {
                                "heading": "Example 4: a mental health or substance use note",
                                "content": (
                                    "<p><b>Before:</b> \"Client's anxiety and drinking are "
                                    "affecting her parenting. Partner is concerned about "
                                    'her."</p><p><b>After:</b> "Ms E says her anxiety and '
                                    "drinking have got worse since January, when her partner Mr F "
                                    "started checking her phone and taking control of her money. "
                                    "Mr F phoned the service today to say she is 'unstable'. Ms E "
                                    "has kept all of her daughter's appointments and arranges for "
                                    "her sister to look after her daughter when she feels "
                                    'unwell."</p>'
                                ),
                            },
                        ],
                    },
                ),
                (
                    "practice_point",
                    {
                        "text": (
                            "<p>Before you save a record, check three things. Is the person "
                            "causing harm named and visible? Can a reader see how his behaviour "
                            "affected the child? Have I recorded what the protective parent did to "
                            "keep the child safe? Also think about who may read the record later, "
                            "including the family, and keep the protective parent's safety in "
                            "mind.</p>"
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "question": (
                            "Choose one sentence from a record you wrote this month. How would you "
                            "rewrite it so the person causing harm is visible?"
                        ),
                        "hint": "Start the sentence with his name and an active verb.",
                    },
                ),
                (
                    "text",
                    (
                        "<p><b>Next steps.</b> This module is an introduction. To build your "
                        "skills, ask your manager about Safe and Together training, which "
                        "Southampton provides to practitioners in Children's Social Care and "
                        "across the partnership.</p>"
                    ),
                ),
                (
                    "get_help",
                    {
                        "heading": "Where to get help",
                        "services": [
                            "emergency-999",
                            "police-101",
                            "pippa",
                            "national-da-helpline",
                        ],
                    },
                ),
                (
                    "sources",
                    {
                        "sources": [
                            {
                                "title": (
                                    "Turning shared values into everyday practice, Safe & Together "
                                    "Institute blog"
                                ),
                                "url": (
                                    "https://safeandtogetherinstitute.com/blog/turning-shared-values-into-everyday-practice-why-safe-together-fits-australias-dfv-systems"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Characteristics of the Safe and Together Model suite of tools "
                                    "and interventions, Safe & Together Institute"
                                ),
                                "url": (
                                    "https://safeandtogetherinstitute.com/safe-together/safe-together-overview/characteristics-of-the-safe-and-together-model-suite-of-tools-and-interventions/"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Key messages: domestic and family violence practice kit, "
                                    "Queensland Government"
                                ),
                                "url": (
                                    "https://cspm.csyw.qld.gov.au/practice-kits/domestic-and-family-violence/overview-of-domestic-and-family-violence/key-messages"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Southampton Domestic Abuse and VAWG Strategy 2023–2028, "
                                    "Southampton City Council"
                                ),
                                "url": "https://www.southampton.gov.uk/domestic-abuse/",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Safe & Together Intersections Meeting (STIM) Guide, Safe & "
                                    "Together Institute"
                                ),
                                "url": "https://safeandtogetherinstitute.com/stim-guide",
                                "date_checked": "2026-11-22",
                            },
                        ],
                    },
                ),
            ],
        },
    ],
}


QUESTIONS = [
    {
        "type": "single",
        "topic": "what-safe-and-together-is",
        "stem": (
            "<p>Which of these matches how Southampton's Domestic Abuse and VAWG Strategy "
            "describes the Safe and Together model?</p>"
        ),
        "options": [
            {
                "text": (
                    "An evidence-based, child-centred model that promotes partnership with the "
                    "non-abusive parent and holds the abusive parent accountable for their abuse, "
                    "recognised as a parenting choice."
                ),
                "correct": True,
                "feedback": "Correct. This is the strategy's own description.",
            },
            {
                "text": "A checklist for scoring the risk to an adult victim.",
                "correct": False,
                "feedback": (
                    "No. That describes a risk assessment such as DASH, not Safe and Together."
                ),
            },
            {
                "text": "A programme abusive parents attend instead of any other intervention.",
                "correct": False,
                "feedback": (
                    "No. Safe and Together is a way of working for practitioners and systems, not "
                    "a programme for perpetrators."
                ),
            },
            {
                "text": (
                    "A model that treats domestic abuse as a problem in the couple's relationship."
                ),
                "correct": False,
                "feedback": (
                    "No. The model focuses on the perpetrator's pattern of behaviour, not on the "
                    "relationship."
                ),
            },
        ],
        "feedback": (
            "<p>Southampton's Domestic Abuse and VAWG Strategy 2023–2028 (action 14) describes "
            "Safe and Together as an evidence-based, child-centred model that promotes partnership "
            "with the non-abusive parent and holds the abusive parent accountable, recognising "
            "abuse as a parenting choice.</p>"
        ),
    },
    {
        "type": "true_false",
        "topic": "what-safe-and-together-is",
        "stem": "<p>Completing this module makes you a certified Safe & Together practitioner.</p>",
        "options": [
            {
                "text": "True",
                "correct": False,
                "feedback": "No. This module is an introduction only.",
            },
            {
                "text": "False",
                "correct": True,
                "feedback": (
                    "Correct. Accredited training and certification come from the Safe & Together "
                    "Institute."
                ),
            },
        ],
        "feedback": (
            "<p>This module introduces the model. It does not replace accredited training from the "
            "Safe & Together Institute, which offers its own training and certification. "
            "Southampton's strategy says Safe and Together training is provided in Children's "
            "Social Care and across the partnership: ask your manager.</p>"
        ),
    },
    {
        "type": "multiple",
        "topic": "principles-and-critical-components",
        "stem": (
            "<p>Which of these are principles of the Safe and Together model? Choose all that "
            "apply.</p>"
        ),
        "options": [
            {
                "text": "Keeping the child safe and together with the non-offending parent",
                "correct": True,
                "feedback": "Correct. This is the first principle.",
            },
            {
                "text": "Partnering with the non-offending parent as the default position",
                "correct": True,
                "feedback": "Correct. This is the second principle.",
            },
            {
                "text": "Intervening with the perpetrator to reduce risk and harm to the child",
                "correct": True,
                "feedback": "Correct. This is the third principle.",
            },
            {
                "text": "Removing the child whenever domestic abuse is disclosed",
                "correct": False,
                "feedback": "No. Removal from the protective parent is a last resort in the model.",
            },
            {
                "text": "Offering couples counselling to reduce conflict",
                "correct": False,
                "feedback": (
                    "No. The model treats abuse as one person's pattern of behaviour, not as "
                    "'conflict' between two people."
                ),
            },
        ],
        "feedback": (
            "<p>The Safe & Together Institute lists three principles: keeping the child safe and "
            "together with the non-offending parent; partnering with the non-offending parent as "
            "the default position; and intervening with the perpetrator to reduce risk and harm to "
            "the child.</p>"
        ),
    },
    {
        "type": "matching",
        "topic": "principles-and-critical-components",
        "stem": "<p>Match each critical component to an example of what you might record.</p>",
        "pairs": [
            [
                "The perpetrator's pattern of coercive control",
                "He checks her phone, controls the money and stops her seeing friends.",
            ],
            [
                "Actions taken by the perpetrator to harm the child",
                "He tells the children their mother is stupid and asks them where she goes.",
            ],
            [
                "The non-offending parent's efforts to keep the child safe and well",
                "She keeps bedtimes going and takes the children to her sister's when he is angry.",
            ],
            [
                "The adverse impact of the perpetrator's behaviour on the child",
                "The 7-year-old has stopped sleeping well and is often late for school.",
            ],
            [
                "The role of substance use, mental health, culture and other factors",
                "He drinks heavily and tells services that she is 'mentally unstable'.",
            ],
        ],
        "feedback": (
            "<p>The five critical components guide assessment: the perpetrator's pattern of "
            "coercive control; his actions to harm the child; the full spectrum of the "
            "non-offending parent's protective efforts; the adverse impact on the child; and the "
            "role of substance use, mental health, culture and other factors. Sources: Safe & "
            "Together Institute; Queensland Child Safety practice kit.</p>"
        ),
    },
    {
        "type": "single",
        "topic": "principles-and-critical-components",
        "stem": (
            "<p>What does 'partnering with the non-offending parent as the default position' "
            "mean?</p>"
        ),
        "options": [
            {
                "text": (
                    "You start from working alongside her, because this is usually the most "
                    "effective way to keep the children safe."
                ),
                "correct": True,
                "feedback": "Correct. 'Default' means it is where you start.",
            },
            {
                "text": "You agree with everything she says and do not share your concerns.",
                "correct": False,
                "feedback": (
                    "No. Partnering includes being honest about your worries and your duties."
                ),
            },
            {
                "text": "You only partner with her once she has left the abusive parent.",
                "correct": False,
                "feedback": "No. Partnership does not depend on her leaving first.",
            },
            {
                "text": "You work with both parents together as a couple.",
                "correct": False,
                "feedback": (
                    "No. The model partners with the protective parent and intervenes separately "
                    "with the perpetrator."
                ),
            },
        ],
        "feedback": (
            "<p>The second principle makes partnership with the protective parent the starting "
            "point, because it is usually the most effective way to support the children's safety. "
            "Source: Queensland Child Safety practice kit, describing the Safe and Together "
            "principles.</p>"
        ),
    },
    {
        "type": "single",
        "topic": "from-failure-to-protect-to-perpetrator-pattern",
        "stem": (
            '<p>A colleague writes: "Mum keeps letting Dad back in, so she is failing to protect '
            'the children." What is the best pivot?</p>'
        ),
        "options": [
            {
                "text": (
                    "Ask what Dad does to get back into the home and what he threatens if she "
                    "refuses, and record his choices."
                ),
                "correct": True,
                "feedback": "Correct. This turns the focus to the person causing the harm.",
            },
            {
                "text": "Add to the plan that Mum must not let him in.",
                "correct": False,
                "feedback": (
                    "No. This keeps all the responsibility on Mum and says nothing about Dad."
                ),
            },
            {
                "text": "Close the case because Mum is not engaging.",
                "correct": False,
                "feedback": "No. Ask what he is doing that makes engagement hard or unsafe.",
            },
            {
                "text": "Invite both parents to a joint meeting to sort out their conflict.",
                "correct": False,
                "feedback": "No. Joint meetings can increase risk and treat abuse as 'conflict'.",
            },
        ],
        "feedback": (
            "<p>'Pivoting to the perpetrator' means turning the conversation from the protective "
            "parent's choices to the perpetrator's behaviour and choices. The model moves away "
            "from a 'failure to protect' response. Sources: Safe & Together Institute; NSW Home "
            "Truths practice note.</p>"
        ),
    },
    {
        "type": "multiple",
        "topic": "from-failure-to-protect-to-perpetrator-pattern",
        "stem": (
            "<p>Which are examples of a perpetrator harming a child beyond whether the child saw "
            "or heard violence? Choose all that apply.</p>"
        ),
        "options": [
            {
                "text": "Asking the child to report where their mother goes",
                "correct": True,
                "feedback": "Correct. This involves the child directly in his control.",
            },
            {
                "text": (
                    "Taking the car keys so the mother cannot get the child to health appointments"
                ),
                "correct": True,
                "feedback": (
                    "Correct. This harms the child indirectly, through the mother's parenting."
                ),
            },
            {
                "text": "Putting the mother down in front of the children",
                "correct": True,
                "feedback": (
                    "Correct. This undermines her parenting and her relationship with the children."
                ),
            },
            {
                "text": "The mother keeping a diary of incidents",
                "correct": False,
                "feedback": "No. That is a protective effort by the mother.",
            },
        ],
        "feedback": (
            "<p>Good assessment goes beyond 'Did the children see or hear it?' Perpetrators harm "
            "children directly and indirectly, including through what they do to the other "
            "parent's parenting and to family life. Sources: David Mandel (2012); Safe & Together "
            "Institute STIM Guide ('multiple pathways to harm').</p>"
        ),
    },
    {
        "type": "single",
        "topic": "from-failure-to-protect-to-perpetrator-pattern",
        "stem": (
            "<p>A father drinks heavily and is abusive to his partner. What does the model "
            "suggest?</p>"
        ),
        "options": [
            {
                "text": (
                    "Assess his pattern of control and his parenting when he is sober too, not "
                    "only when he drinks."
                ),
                "correct": True,
                "feedback": "Correct. Do not assume the abuse only happens when he drinks.",
            },
            {
                "text": "Treat the drinking first; the abuse will stop when the drinking stops.",
                "correct": False,
                "feedback": (
                    "No. Alcohol can make abuse more dangerous, but it does not explain the "
                    "pattern."
                ),
            },
            {
                "text": "Record the abuse as caused by alcohol.",
                "correct": False,
                "feedback": "No. This hides his choices.",
            },
            {
                "text": "Focus on the mother's drinking instead.",
                "correct": False,
                "feedback": (
                    "No. Look at how his behaviour affects her, including any substance use."
                ),
            },
        ],
        "feedback": (
            "<p>David Mandel advises assessing the perpetrator's pattern of coercive control and "
            "harm to children even when he is not using substances, for example by asking what his "
            "parenting is like when he is sober. Source: David Mandel (2015).</p>"
        ),
    },
    {
        "type": "multiple",
        "topic": "partnering-with-the-non-abusing-parent",
        "stem": (
            "<p>Which of these are protective efforts you should recognise and record? Choose all "
            "that apply.</p>"
        ),
        "options": [
            {
                "text": "Keeping the children's routines and school attendance going",
                "correct": True,
                "feedback": "Correct. Quiet, everyday efforts count.",
            },
            {
                "text": "Taking the children to a relative's when he is angry",
                "correct": True,
                "feedback": "Correct. This is a specific action to keep them safe.",
            },
            {
                "text": "Moving child handovers to a safer place",
                "correct": True,
                "feedback": "Correct. This reduces the children's exposure to his behaviour.",
            },
            {
                "text": "None of these count unless she has separated from him",
                "correct": False,
                "feedback": (
                    "No. The model does not treat separation as the only real protective action."
                ),
            },
        ],
        "feedback": (
            "<p>The third critical component asks you to look at the full spectrum of the "
            "protective parent's efforts. Some are easy to see; others are small acts that often "
            "go unnoticed. Sources: Queensland Child Safety key messages; Safe & Together "
            "Institute.</p>"
        ),
    },
    {
        "type": "single",
        "topic": "partnering-with-the-non-abusing-parent",
        "stem": (
            '<p>A plan says: "Sam must not allow Craig into the home." Craig keeps turning up '
            "and making threats. What is the main problem with this plan?</p>"
        ),
        "options": [
            {
                "text": (
                    "It puts all the responsibility on Sam and says nothing about Craig's "
                    "behaviour."
                ),
                "correct": True,
                "feedback": (
                    "Correct. A partnered plan names his behaviour and sets actions for him."
                ),
            },
            {
                "text": "It is too vague about what time Craig may visit.",
                "correct": False,
                "feedback": "No. The problem is who the plan holds responsible.",
            },
            {
                "text": "It should also ban Sam's mother from the home.",
                "correct": False,
                "feedback": "No. Sam's mother is part of Sam's safety plan.",
            },
            {
                "text": "There is no problem: it is Sam's job to keep Craig away.",
                "correct": False,
                "feedback": (
                    "No. That is the 'failure to protect' approach the model moves away from."
                ),
            },
        ],
        "feedback": (
            "<p>Under the third principle, intervention is aimed at the perpetrator, whose "
            "behaviour is the source of harm. Plans should be built with the protective parent and "
            "depend on his behaviour changing. Source: Queensland Child Safety practice kit; Safe "
            "& Together Institute.</p>"
        ),
    },
    {
        "type": "single",
        "topic": "recording-that-keeps-the-perpetrator-visible",
        "stem": "<p>Which case note keeps the perpetrator visible?</p>",
        "options": [
            {
                "text": (
                    '"Mr A hit Ms B in the face on 14 March while their 7-year-old was in the '
                    'next room."'
                ),
                "correct": True,
                "feedback": "Correct. It names who did what, when, and where the child was.",
            },
            {
                "text": '"There was a domestic incident and the couple were arguing."',
                "correct": False,
                "feedback": "No. No one is named and 'arguing' suggests shared blame.",
            },
            {
                "text": '"Mum was assaulted again and failed to protect the children."',
                "correct": False,
                "feedback": "No. The person who assaulted her has disappeared from the sentence.",
            },
            {
                "text": '"The parents have a volatile relationship."',
                "correct": False,
                "feedback": "No. 'Volatile' is a label that hides the behaviour.",
            },
        ],
        "feedback": (
            "<p>Good records name the person causing harm, use the active voice, describe "
            "behaviour rather than labels, link it to the child, and record the protective "
            "parent's efforts. Source: Safe & Together Institute, on keeping documentation focused "
            "on the behaviour of the person using violence.</p>"
        ),
    },
    {
        "type": "true_false",
        "topic": "recording-that-keeps-the-perpetrator-visible",
        "stem": (
            "<p>Describing a relationship as 'volatile' or 'toxic' is good practice because it is "
            "neutral.</p>"
        ),
        "options": [
            {
                "text": "True",
                "correct": False,
                "feedback": (
                    "No. These words are not neutral: they spread the blame across both adults."
                ),
            },
            {
                "text": "False",
                "correct": True,
                "feedback": "Correct. Describe what happened and who did it.",
            },
        ],
        "feedback": (
            "<p>Labels such as 'volatile', 'toxic' or 'parental conflict' hide who is causing "
            "harm. The Safe & Together Institute warns that records often drift to the survivor's "
            "choices instead of the behaviour of the person using violence.</p>"
        ),
    },
]
