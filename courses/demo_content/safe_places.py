"""Safe Places: responding to violence against women and girls.

For staff and volunteers in businesses and organisations in Southampton's Safe Places
network. Local facts, definitions and phone numbers are those published in the city's
Domestic Abuse and VAWG Strategy 2023-2028. Police guidance on 999, 101 and the Silent
Solution, and data protection guidance, are from the public sources named in each lesson.
"""

import datetime

CHECKED = "2026-11-22"


def _source(title: str, url: str) -> dict:
    return {"title": title, "url": url, "date_checked": CHECKED}


STRATEGY = _source(
    "Southampton Domestic Abuse and VAWG Strategy 2023–2028, Southampton City Council",
    "https://www.southampton.gov.uk/domestic-abuse/",
)
POLICE_UK = _source(
    "Police.uk: contacting the police (999 in an emergency, 101 when it is not)",
    "https://www.police.uk/",
)
DEVON_CORNWALL = _source(
    "Devon and Cornwall Police: contacting the police (emergency and non-emergency calls)",
    "https://youth.devon-cornwall.police.uk/young-people/crime-and-the-law/contacting-the-police",
)
IOPC = _source(
    "Independent Office for Police Conduct: Silent Solution, ‘Make Yourself Heard’",
    "https://www.policeconduct.gov.uk/",
)
BBC_SILENT = _source(
    "BBC Newsround, 8 April 2019: the IOPC campaign on silent 999 calls and pressing 55",
    "https://www.bbc.co.uk/newsround/47851202",
)
IOW_COUNCIL = _source(
    "Isle of Wight Council: immediate danger, and the Silent Solution",
    "https://www.iow.gov.uk/housing-and-adult-social-care/adult-social-care/"
    "adult-safeguarding/immediate-danger/",
)
NDAH = _source(
    "National Domestic Abuse Helpline, run by Refuge",
    "https://www.nationaldahelpline.org.uk/",
)
BASINGSTOKE = _source(
    "Basingstoke and Deane Borough Council: if someone tells you about domestic abuse",
    "https://www.basingstoke.gov.uk/da-info-friends-and-family",
)
KENT_REFUGE = _source(
    "University of Kent Report and Support: worried someone is experiencing domestic abuse "
    "(information provided by Refuge)",
    "https://reportandsupport.kent.ac.uk/support/"
    "im-worried-that-someone-i-know-is-experiencing-domestic-abuse",
)
FUTURES = _source(
    "Futures Housing Group: worrying about someone else (domestic abuse)",
    "https://futureshg.co.uk/help-and-support/domestic-abuse/worrying-about-someone-else/",
)
ICO_PRINCIPLES = _source(
    "Information Commissioner’s Office: how the data protection principles help avoid "
    "accidental breaches",
    "https://cy.ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/security/"
    "disclosing-documents-to-the-public-securely/"
    "how-do-the-data-protection-principles-help-us-avoid-accidental-breaches",
)
ICO_EMERGENCY = _source(
    "Information Commissioner’s Office: data sharing in an urgent situation or in an emergency",
    "https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/data-sharing/"
    "data-sharing-a-code-of-practice/data-sharing-in-an-urgent-situation-or-in-an-emergency/",
)


def sources(*items: dict) -> tuple:
    return ("sources", {"sources": [dict(item) for item in items]})


def heading(text: str, level: str = "h2") -> tuple:
    return ("heading", {"text": text, "level": level})


# Lesson 1 ---------------------------------------------------------------------------------

WHAT_VAWG_IS = {
    "slug": "what-vawg-is",
    "title": "What violence against women and girls is",
    "summary": "What the term means, the forms it takes in public places, and who it affects.",
    "minutes": 5,
    "distressing": True,
    "content_note": (
        "This lesson describes harassment, stalking, sexual violence and domestic abuse in "
        "general terms. It does not describe any attack in detail."
    ),
    "body": [
        heading("Why you are doing this training"),
        (
            "text",
            "<p>Your workplace is part of Southampton’s Safe Places network. The city "
            "launched the network in 2022.</p>"
            "<p>The city’s Domestic Abuse and VAWG Strategy says that organisations and "
            "businesses that join the network will receive training about how to respond "
            "appropriately to violence against women and girls. This module is that "
            "training.</p>"
            "<p>It takes about 30 minutes. You do not need any experience. Some of it is "
            "about abuse, so take a break whenever you need to.</p>",
        ),
        (
            "key_fact",
            {
                "title": "What “VAWG” means",
                "text": (
                    "<p><b>VAWG</b> stands for violence against women and girls. It is an "
                    "umbrella term for a range of violent and abusive acts and behaviours. "
                    "They are mostly, but not only, aimed at women and girls.</p>"
                    "<p>Southampton uses the United Nations definition: “any act of "
                    "gender-based violence which results in, or is likely to result in, "
                    "physical, sexual, mental harm or suffering to women and girls.”</p>"
                ),
            },
        ),
        (
            "text",
            "<p>The UK has also ratified (formally agreed to) a Council of Europe agreement "
            "called the Istanbul Convention. It came into force in the UK in November 2022. "
            "It says violence against women is “a violation of human rights and a form of "
            "discrimination against women”. Southampton uses both definitions.</p>",
        ),
        heading("It can affect anyone"),
        (
            "text",
            "<p>The city’s strategy says VAWG can affect women and girls of any age and from "
            "all walks of life.</p>"
            "<p>Men, boys and non-binary people can be victims and survivors too, and they "
            "often find it harder to report abuse and ask for support. Abuse can happen in "
            "any relationship, not only between a man and a woman.</p>"
            "<p>As a Safe Place, you welcome everyone who asks for help.</p>",
        ),
        heading("What it can look like in public places"),
        (
            "text",
            "<p>The strategy says VAWG is linked to the night-time economy. Incidents are "
            "concentrated in parts of the city centre where there are lots of night-time "
            "venues, and they peak late at night and at weekends. But it can happen "
            "anywhere, at any time of day.</p>"
            "<p>These are some of the forms you might come across at work. The descriptions "
            "come from the strategy.</p>",
        ),
        (
            "accordion",
            {
                "sections": [
                    {
                        "heading": "Sexual harassment",
                        "content": (
                            "<p>Unwanted verbal or physical behaviour of a sexual nature. "
                            "It can happen anywhere, including streets, public transport, "
                            "workplaces and social situations. It includes flashing, "
                            "obscene or threatening calls, and harassment online.</p>"
                        ),
                    },
                    {
                        "heading": "Stalking",
                        "content": (
                            "<p>Harassment that happens again and again (on at least two "
                            "occasions) and causes fear or distress. For example, someone "
                            "who keeps calling a person, or keeps turning up where they "
                            "know she will be.</p>"
                        ),
                    },
                    {
                        "heading": "Sexual violence, including sexual assault",
                        "content": (
                            "<p>Sexual contact without consent. It can be by anyone, from "
                            "a total stranger to a partner or relative, but most people "
                            "who do it are known to the victim in some way. It can happen "
                            "anywhere, including public spaces and social settings.</p>"
                        ),
                    },
                    {
                        "heading": "Domestic abuse that follows someone out of the home",
                        "content": (
                            "<p>Domestic abuse is controlling, coercive or violent "
                            "behaviour by a person towards a family member, partner or "
                            "ex-partner. It includes physical or sexual abuse, threats, "
                            "controlling behaviour, economic abuse and emotional "
                            "abuse.</p>"
                            "<p>It does not always stay at home. Someone might come to you "
                            "because a partner or ex-partner has followed them, is waiting "
                            "outside, or will not stop calling.</p>"
                        ),
                    },
                    {
                        "heading": "Other forms",
                        "content": (
                            "<p>The strategy also names cyber flashing (sending sexual "
                            "photos to someone’s phone to shock them), upskirting "
                            "(secretly taking a photo under someone’s skirt or dress) and "
                            "sharing private sexual photos or videos to upset someone, "
                            "sometimes called “revenge porn”.</p>"
                        ),
                    },
                ]
            },
        ),
        (
            "practice_point",
            {
                "text": (
                    "<p>You do not need to work out what kind of abuse it is, or whether it "
                    "is a crime. That is not your job. Your job is to welcome the person, "
                    "help keep them safe and help them reach support.</p>"
                )
            },
        ),
        (
            "reflection",
            {
                "question": (
                    "Think about where you work. Where nearby might someone feel unsafe, "
                    "and at what times of day?"
                ),
                "hint": "Think about late opening, quiet streets, car parks, bus stops and "
                "taxi ranks.",
            },
        ),
        (
            "get_help",
            {
                "heading": "If this lesson has affected you",
                "services": ["emergency-999", "pippa", "yellow-door", "national-da-helpline"],
            },
        ),
        sources(STRATEGY),
    ],
}

# Lesson 2 ---------------------------------------------------------------------------------

BEING_A_SAFE_PLACE = {
    "slug": "being-a-safe-place",
    "title": "What being a Safe Place means",
    "summary": "The commitments your organisation has made, and what they mean on a shift.",
    "minutes": 5,
    "distressing": True,
    "content_note": (
        "This lesson includes a case study about a young woman who is followed at night. "
        "No one is hurt."
    ),
    "body": [
        (
            "text",
            "<p>When your organisation joined the Safe Places network, it made some "
            "commitments. This lesson explains what they mean for you on a normal shift.</p>",
        ),
        (
            "key_fact",
            {
                "title": "The Safe Places commitments",
                "text": (
                    "<p>As a Safe Place in this network, you will:</p>"
                    "<ol><li><b>Welcome</b> anyone who comes in and asks for help.</li>"
                    "<li><b>Call 999</b> in an emergency.</li>"
                    "<li><b>Let them wait</b> somewhere safe until they are safe to "
                    "leave.</li>"
                    "<li><b>Keep it confidential.</b> Only share what they tell you with "
                    "people who need to know.</li></ol>"
                ),
            },
        ),
        heading("What each commitment means in practice"),
        (
            "text",
            "<p><b>Welcome.</b> Anyone can ask for help: a regular customer, a passer-by or "
            "someone who has never been in before. They do not need to buy anything.</p>"
            "<p><b>Call 999 in an emergency.</b> If someone is in immediate danger, call "
            "999 straight away. Lesson 4 explains when to call 999 and when to call "
            "101.</p>"
            "<p><b>Let them wait somewhere safe.</b> This might be a seat away from the door "
            "and windows, a back office or a staff room. Stay with them, or make sure a "
            "colleague does. They can stay until a friend, a taxi or the police arrive, or "
            "until they feel ready to go.</p>"
            "<p><b>Keep it confidential.</b> What they tell you is private. Only share it "
            "with people who need to know, such as the police or your manager. Lesson 5 "
            "explains how.</p>",
        ),
        heading("What being a Safe Place does not mean"),
        (
            "text",
            "<ul><li>You are not a counsellor. You do not have to fix things.</li>"
            "<li>You are not an investigator. You do not have to find out what happened or "
            "who is telling the truth.</li>"
            "<li>You are not security. Never confront or follow the person who caused "
            "harm.</li>"
            "<li>You never have to put yourself in danger.</li></ul>",
        ),
        (
            "practice_point",
            {
                "text": (
                    "<p>Plan before it happens. With your manager, agree where someone could "
                    "wait, who would stay with them, where the phone is and where the "
                    "support numbers are kept. Check the plan again when new staff "
                    "join.</p>"
                )
            },
        ),
        (
            "case_study",
            {
                "title": "A café late at night",
                "scenario": (
                    "<p>It is nearly 11pm on a Friday. You are about to close a café near "
                    "the city centre. A young woman comes in, out of breath. She says a man "
                    "has followed her from a bar down the road. She does not want to walk "
                    "to the taxi rank on her own. She keeps looking at the door.</p>"
                    "<p>The only other person in the café is your colleague, who is in the "
                    "kitchen.</p>"
                ),
                "questions": (
                    "<ul><li>What is the first thing you would say to her?</li>"
                    "<li>Where could she wait?</li>"
                    "<li>What would make you call 999?</li>"
                    "<li>What would you do about closing up?</li></ul>"
                ),
                "discussion": (
                    "<p>Welcome her straight away: “Come in. You can stay here.” Believe "
                    "her. You do not need to know what the man wanted.</p>"
                    "<p>Offer her a seat away from the door and windows, and tell your "
                    "colleague what is happening. Ask what she needs. Does she want to call "
                    "a friend, or would she like you to call a taxi to the door?</p>"
                    "<p>If the man comes in, waits outside, threatens her, or she tells you "
                    "she is in immediate danger, call 999. Do not go outside to look for him "
                    "or speak to him.</p>"
                    "<p>Do not lock up and leave her outside. Closing can wait. Stay with "
                    "her, with your colleague, until her taxi or friend arrives or the "
                    "police take over.</p>"
                    "<p>Afterwards, keep what happened private. Do not post about it "
                    "online.</p>"
                ),
            },
        ),
        (
            "reflection",
            {
                "question": (
                    "If someone asked your workplace for help right now, where could they "
                    "wait safely, and who would stay with them?"
                ),
                "hint": "If you do not know, ask your manager before your next shift.",
            },
        ),
        (
            "get_help",
            {
                "heading": "Where to get help",
                "services": ["emergency-999", "police-101", "pippa"],
            },
        ),
        sources(STRATEGY),
    ],
}

# Lesson 3 ---------------------------------------------------------------------------------

WELCOMING_SOMEONE = {
    "slug": "welcoming-someone",
    "title": "Welcoming someone and what to say",
    "summary": "How to welcome someone who asks for help, with words to use and to avoid.",
    "minutes": 7,
    "distressing": True,
    "content_note": (
        "This lesson includes a case study about domestic abuse: a woman describes "
        "controlling behaviour and being pushed by her husband."
    ),
    "body": [
        (
            "text",
            "<p>People ask for help in different ways. Some rush in, scared. Some seem calm. "
            "Some mention something quietly while you serve them. Some may have been "
            "drinking. However they come to you, respond in the same way.</p>",
        ),
        heading("Five things to do"),
        (
            "text",
            "<ol><li><b>Believe them.</b> Take what they say seriously. You do not need "
            "proof.</li>"
            "<li><b>Stay calm.</b> Speak quietly and slowly. Give them time.</li>"
            "<li><b>Offer a quiet place.</b> Somewhere private, away from other customers, "
            "where they can sit down.</li>"
            "<li><b>Ask what they need.</b> Let them decide what happens next, unless "
            "someone is in immediate danger.</li>"
            "<li><b>Do not ask for proof or details.</b> You do not need to know what "
            "happened. Do not push them to talk if they do not want to.</li></ol>",
        ),
        (
            "practice_point",
            {
                "text": (
                    "<p>Let them lead. Offer choices, such as “Would you like to sit here or "
                    "in the back?”, and respect their decisions. Do not tell them to leave a "
                    "partner or leave home. That is their decision.</p>"
                )
            },
        ),
        (
            "accordion",
            {
                "sections": [
                    {
                        "heading": "What to say",
                        "content": (
                            "<ul><li>“I believe you.”</li>"
                            "<li>“Thank you for telling me.”</li>"
                            "<li>“It’s not your fault.”</li>"
                            "<li>“You can stay here as long as you need.”</li>"
                            "<li>“What would help right now?”</li>"
                            "<li>“Would you like me to call someone for you?”</li>"
                            "<li>“There are people who can help. Would you like their "
                            "number?”</li></ul>"
                        ),
                    },
                    {
                        "heading": "What not to say, and why",
                        "content": (
                            "<ul><li>“Are you sure?” It sounds as if you do not believe "
                            "them.</li>"
                            "<li>“Why don’t you just leave?” or “Why didn’t you…?” "
                            "Questions like these can sound like blame.</li>"
                            "<li>“How much have you had to drink?” or “What were you "
                            "wearing?” These blame them for someone else’s "
                            "behaviour.</li>"
                            "<li>“Tell me exactly what happened.” You do not need the "
                            "details.</li>"
                            "<li>“I’ll go and have a word with him.” This could put you and "
                            "them in more danger.</li>"
                            "<li>“I promise I won’t tell anyone.” You may need to call 999 "
                            "to keep them safe.</li></ul>"
                        ),
                    },
                    {
                        "heading": "What to say about keeping it private",
                        "content": (
                            "<p>Try: “What you tell me stays private. The only time I would "
                            "call someone without asking you is if I thought you or someone "
                            "else was in immediate danger.”</p>"
                        ),
                    },
                ]
            },
        ),
        (
            "case_study",
            {
                "title": "A quiet word at the pharmacy",
                "scenario": (
                    "<p>A woman you recognise comes to the pharmacy counter. She asks "
                    "quietly if there is somewhere private to talk. In the consultation "
                    "room, she tells you her husband checks her phone and takes her wages. "
                    "Last night he pushed her against a wall. She says she has to be home "
                    "in 20 minutes or he will be angry. She asks you not to tell "
                    "anyone.</p>"
                ),
                "questions": (
                    "<ul><li>What would you say first?</li>"
                    "<li>Is she in immediate danger right now?</li>"
                    "<li>How can you help in the time she has?</li></ul>"
                ),
                "discussion": (
                    "<p>Start with: “Thank you for telling me. I believe you. It’s not your "
                    "fault.” Do not ask for details or proof.</p>"
                    "<p>What she describes is domestic abuse. Checking her phone and taking "
                    "her money are controlling behaviour and economic abuse, as well as the "
                    "physical harm.</p>"
                    "<p>Ask her whether she feels safe to go home, and what she needs. If "
                    "she says she is in immediate danger, or is too frightened to go home, "
                    "call 999 with her.</p>"
                    "<p>If not, respect her time. Offer her the PIPPA helpline (023 8091 "
                    "7917) or the free, 24-hour National Domestic Abuse Helpline (0808 2000 "
                    "247). Ask whether it is safe for her to carry a leaflet or save a "
                    "number on her phone. She may prefer to call from your phone, in the "
                    "private room, now.</p>"
                    "<p>Tell her she is welcome to come back at any time. Keep what she "
                    "told you private, and follow your pharmacy’s own safeguarding "
                    "policy.</p>"
                ),
            },
        ),
        (
            "reflection",
            {
                "question": (
                    "Which of the phrases under “What to say” would feel natural for you? "
                    "Try saying one out loud."
                ),
                "hint": "Practising now makes it easier to find the words when it matters.",
            },
        ),
        (
            "get_help",
            {
                "heading": "Where to get help",
                "services": ["emergency-999", "pippa", "national-da-helpline", "yellow-door"],
            },
        ),
        sources(STRATEGY, BASINGSTOKE, KENT_REFUGE, FUTURES, NDAH),
    ],
}

# Lesson 4 ---------------------------------------------------------------------------------

CALLING_THE_POLICE = {
    "slug": "calling-the-police",
    "title": "When to call 999 and when to call 101",
    "summary": "How to tell an emergency from a non-emergency, and how to call 999 silently.",
    "minutes": 7,
    "distressing": True,
    "content_note": (
        "This lesson includes a case study about a girl who is sexually assaulted on a bus. "
        "It does not describe the assault in detail."
    ),
    "body": [
        (
            "text",
            "<p>If you are not sure which number to call, ask yourself: is it happening "
            "now? Could someone get hurt? Is the person who did it still nearby? If the "
            "answer to any of these is yes, call 999.</p>",
        ),
        heading("Call 999 in an emergency"),
        (
            "text",
            "<p>Call 999 when:</p>"
            "<ul><li>a crime is happening now</li>"
            "<li>someone is in immediate danger, or their life is at risk</li>"
            "<li>someone is hurt, or violence is being used or threatened</li>"
            "<li>the person who did it is still nearby</li></ul>"
            "<p>Calls to 999 are free.</p>",
        ),
        heading("Call 101 when it is not an emergency"),
        (
            "text",
            "<p>101 is the police non-emergency number. Call 101 when:</p>"
            "<ul><li>a crime has already happened and no one is in immediate danger</li>"
            "<li>the person who did it is not nearby</li>"
            "<li>you want to give the police information</li></ul>"
            "<p>Whether to report something is the person’s choice. You can help them "
            "call.</p>",
        ),
        (
            "accordion",
            {
                "sections": [
                    {
                        "heading": "A man outside is shouting threats at a woman who has come in",
                        "content": (
                            "<p><b>999.</b> Violence is being threatened, and he is nearby.</p>"
                        ),
                    },
                    {
                        "heading": "A woman says her ex-partner is waiting outside and she "
                        "is scared to leave",
                        "content": (
                            "<p><b>999.</b> She may be in immediate danger, and he is nearby.</p>"
                        ),
                    },
                    {
                        "heading": "A customer was groped on a night out last weekend and "
                        "wants to report it",
                        "content": (
                            "<p><b>101.</b> It has already happened and she is not in "
                            "immediate danger now. She may also want support from Yellow "
                            "Door.</p>"
                        ),
                    },
                    {
                        "heading": "A woman has had unwanted messages from a man for weeks, "
                        "but is safe right now",
                        "content": (
                            "<p><b>101</b>, if she wants to report it. Offer her the "
                            "support numbers too.</p>"
                        ),
                    },
                ]
            },
        ),
        heading("What to say on a 999 call"),
        (
            "text",
            "<p>Ask for the police. The call handler will ask you some questions, such as "
            "what has happened, where you are and whether anyone is hurt. Stay as calm as "
            "you can, and do not speak too quickly.</p>"
            "<p>Say where you are straight away, especially if you are calling from a "
            "mobile: the name of your business, the street and any landmark.</p>"
            "<p>Listen to the call handler and follow their instructions.</p>",
        ),
        heading("If it is not safe to speak: the Silent Solution"),
        (
            "key_fact",
            {
                "title": "On a mobile, press 55 when prompted",
                "text": (
                    "<p>If you call 999 from a mobile and it is not safe to speak:</p>"
                    "<ol><li>Listen to the operator.</li>"
                    "<li>If you can, whisper, cough or tap the phone when asked.</li>"
                    "<li>If you cannot make any sound, wait for the automated message and "
                    "<b>press 55</b> when it tells you to.</li></ol>"
                    "<p>Pressing 55 tells them your call is a real emergency, and you are "
                    "put through to the police.</p>"
                    "<p>A silent call on its own will not bring help. If you do not respond "
                    "at all, the call may be ended. It is always best to speak if you can, "
                    "even in a whisper. The police may not know where you are, so if you "
                    "can say only one thing, say where you are.</p>"
                ),
            },
        ),
        (
            "case_study",
            {
                "title": "At the bus station",
                "scenario": (
                    "<p>It is early evening. You work at the information desk at the city "
                    "bus station. A girl of about 15 comes to the desk. She is shaking. She "
                    "tells you a man on the bus touched her in a sexual way. He got off the "
                    "same bus and is standing by the exit, looking over at her.</p>"
                ),
                "questions": (
                    "<ul><li>Do you call 999 or 101?</li>"
                    "<li>What do you say to her?</li>"
                    "<li>What do you do while you wait?</li></ul>"
                ),
                "discussion": (
                    "<p>Call 999. She describes sexual contact without consent. It has just "
                    "happened, and the man is still nearby.</p>"
                    "<p>Tell the call handler exactly where you are and where the man is, "
                    "and describe him. You do not need to ask her for more details.</p>"
                    "<p>Say to her: “I believe you. You did the right thing telling me. You "
                    "can stay here with me.” Take her behind the desk or into a staff area, "
                    "out of his sight. Ask a colleague to help.</p>"
                    "<p>Do not approach, follow or confront the man. Leave that to the "
                    "police.</p>"
                    "<p>Ask her if there is an adult she trusts who she would like to call. "
                    "Stay with her until the police arrive. Tell your manager, and follow "
                    "your employer’s procedures.</p>"
                ),
            },
        ),
        (
            "reflection",
            {
                "question": (
                    "Could you give a call handler the exact address of your workplace "
                    "without looking it up? Where is the nearest phone?"
                ),
                "hint": (
                    "Keep the address, postcode and support numbers next to the phone. "
                    "Tell your manager if anything is missing."
                ),
            },
        ),
        (
            "get_help",
            {
                "heading": "Police contacts",
                "services": ["emergency-999", "police-101"],
            },
        ),
        sources(POLICE_UK, DEVON_CORNWALL, IOPC, BBC_SILENT, IOW_COUNCIL, STRATEGY),
    ],
}

# Lesson 5 ---------------------------------------------------------------------------------

AFTERWARDS = {
    "slug": "support-notes-and-you",
    "title": "Support numbers, notes and looking after yourself",
    "summary": "Where to point people for support, how to keep notes private, and your own "
    "wellbeing.",
    "minutes": 6,
    "distressing": False,
    "content_note": "",
    "body": [
        heading("Pointing people to support"),
        (
            "text",
            "<p>You do not need to know everything about abuse. You just need to know where "
            "to point people for support. This is sometimes called signposting.</p>"
            "<p>Before you give someone a leaflet or card, ask whether it is safe for them "
            "to carry it. If someone checks their phone or bag, it could put them at risk. "
            "Instead, you could offer them a private space and your phone to make a "
            "call.</p>",
        ),
        (
            "key_fact",
            {
                "title": "Numbers to know",
                "text": (
                    "<ul><li><b>999</b>: emergency, if someone is in immediate danger.</li>"
                    "<li><b>101</b>: police non-emergency number.</li>"
                    "<li><b>PIPPA helpline: 023 8091 7917.</b> Southampton’s helpline for "
                    "domestic abuse, including forced marriage and honour-based abuse. It is "
                    "open to members of the public and to professionals. Trained specialists "
                    "give guidance, support and safety advice.</li>"
                    "<li><b>National Domestic Abuse Helpline: 0808 2000 247.</b> Free, "
                    "confidential and open 24 hours a day. Run by Refuge.</li>"
                    "<li><b>Yellow Door: 023 8063 6312.</b> For sexual abuse.</li></ul>"
                ),
            },
        ),
        (
            "practice_point",
            {
                "text": (
                    "<p>You can call PIPPA yourself if you are worried about someone and want "
                    "advice. The helpline is open to members of the public as well as "
                    "professionals.</p>"
                )
            },
        ),
        heading("Keeping notes"),
        (
            "text",
            "<p>Your organisation may ask you to write a short note after someone has asked "
            "for help. If it does, write down:</p>"
            "<ul><li>the date and time</li>"
            "<li>what you saw and what you did</li>"
            "<li>who you called, and any reference number the police gave you</li></ul>"
            "<p>Stick to facts. Do not add guesses or opinions. Only write what you need: "
            "you do not need the person’s whole story.</p>",
        ),
        heading("Keeping it confidential"),
        (
            "text",
            "<p>The law on personal information (the UK GDPR and the Data Protection Act "
            "2018) applies to notes like these. In plain words, it means:</p>"
            "<ul><li><b>only what you need</b>: use only the information you need for the "
            "purpose</li>"
            "<li><b>keep it secure</b>: store notes where only the right people can see "
            "them, such as a locked drawer or a protected computer</li>"
            "<li><b>not for longer than you need it</b>: follow your organisation’s rules "
            "about when to delete notes</li></ul>"
            "<p>Data protection law does not stop you calling 999. In an emergency, such as "
            "to prevent serious harm to someone, you should share the information that is "
            "necessary and proportionate.</p>",
        ),
        (
            "accordion",
            {
                "sections": [
                    {
                        "heading": "Do",
                        "content": (
                            "<ul><li>tell your manager what happened</li>"
                            "<li>give the police the information they need when you call "
                            "them</li>"
                            "<li>keep any notes somewhere secure</li>"
                            "<li>follow your organisation’s own policy</li></ul>"
                        ),
                    },
                    {
                        "heading": "Do not",
                        "content": (
                            "<ul><li>post about it on social media, even without names: "
                            "people can still be recognised</li>"
                            "<li>talk about it with customers, friends or family</li>"
                            "<li>take photos or videos of the person who asked for "
                            "help</li>"
                            "<li>keep notes on your personal phone</li></ul>"
                        ),
                    },
                ]
            },
        ),
        heading("Looking after yourself"),
        (
            "text",
            "<p>Helping someone who is frightened or hurt can stay with you. You might feel "
            "shaken, upset or angry, straight away or days later. That is normal. It can "
            "feel stronger if you have your own experience of abuse.</p>"
            "<p>Remember:</p>"
            "<ul><li>you are not expected to be a counsellor or an investigator</li>"
            "<li>you did your part by listening, helping keep them safe and pointing them "
            "to support</li>"
            "<li>you may never find out what happened next, and that is OK</li></ul>"
            "<p>Talk to your manager after any incident. You can talk about how you feel "
            "without sharing the person’s private details. If it brings up your own "
            "experiences, the services below are there for you too.</p>",
        ),
        (
            "reflection",
            {
                "question": (
                    "After a difficult shift, who could you talk to, and what helps you switch off?"
                ),
                "hint": "It might be your manager, a colleague, a friend or one of the "
                "support services.",
            },
        ),
        (
            "get_help",
            {
                "heading": "Support for you, and for the people you help",
                "services": ["pippa", "national-da-helpline", "yellow-door"],
            },
        ),
        sources(STRATEGY, NDAH, FUTURES, ICO_PRINCIPLES, ICO_EMERGENCY),
    ],
}

MODULE = {
    "slug": "safe-places",
    "title": "Safe Places: responding to violence against women and girls",
    "summary": (
        "What to do when someone comes to your shop, pub, café, pharmacy or other Safe Place "
        "and asks for help. For staff and volunteers in Southampton’s Safe Places network."
    ),
    "audiences": ["safe-places"],
    "outcomes": [
        "By the end you will be able to explain what violence against women and girls is "
        "and the forms it can take in public places",
        "describe what your organisation has committed to as a Safe Place",
        "welcome someone who asks for help, and know what to say and what not to say",
        "decide when to call 999 and when to call 101, and use the Silent Solution",
        "point someone to local and national support, keep notes private and look after "
        "yourself afterwards",
    ],
    "estimated_minutes": 30,
    "cpd_minutes": 30,
    "refresh_months": 12,
    "content_note": (
        "This module covers harassment, stalking, sexual assault and domestic abuse. It does "
        "not describe violence in detail. You can stop at any time. If it brings up difficult "
        "feelings, the support services listed in each lesson can help you too."
    ),
    "review_by": datetime.date(2027, 11, 1),
    "contact": "The Domestic Abuse Training Coordinator, Southampton City Council, through "
    "your manager",
    "lessons": [
        WHAT_VAWG_IS,
        BEING_A_SAFE_PLACE,
        WELCOMING_SOMEONE,
        CALLING_THE_POLICE,
        AFTERWARDS,
    ],
}

QUESTIONS = [
    {
        "type": "single",
        "topic": "what-vawg-is",
        "stem": (
            "<p>How does Southampton’s strategy describe violence against women and girls "
            "(VAWG)?</p>"
        ),
        "options": [
            {
                "text": (
                    "An umbrella term for violent and abusive acts that are mostly, but not "
                    "only, aimed at women and girls"
                ),
                "correct": True,
                "feedback": "Correct. This is how the city’s strategy describes VAWG.",
            },
            {
                "text": "Physical attacks by strangers in the street",
                "correct": False,
                "feedback": (
                    "VAWG covers much more than this, including harassment, stalking and "
                    "domestic abuse. Most people who commit sexual violence are known to "
                    "the victim in some way."
                ),
            },
            {
                "text": "Abuse that only happens at home",
                "correct": False,
                "feedback": (
                    "Domestic abuse is one form of VAWG, but VAWG also happens in public "
                    "places, at work and online."
                ),
            },
            {
                "text": "Crimes that only happen late at night",
                "correct": False,
                "feedback": (
                    "Incidents peak late at night and at weekends, but VAWG can happen at any time."
                ),
            },
        ],
        "feedback": (
            "<p>VAWG is the umbrella term for a range of violent and abusive acts and "
            "behaviours that are mostly, but not only, aimed at women and girls. It includes "
            "sexual harassment, stalking, sexual violence and domestic abuse. Source: "
            "Southampton Domestic Abuse and VAWG Strategy 2023–2028.</p>"
        ),
    },
    {
        "type": "true_false",
        "topic": "what-vawg-is",
        "stem": (
            "<p>True or false: only women and girls can be victims of the kinds of abuse "
            "covered by VAWG.</p>"
        ),
        "options": [
            {
                "text": "True",
                "correct": False,
                "feedback": (
                    "Not quite. The city’s strategy recognises that men, boys and non-binary "
                    "people can also be victims and survivors."
                ),
            },
            {
                "text": "False",
                "correct": True,
                "feedback": (
                    "Correct. VAWG is mostly aimed at women and girls, but anyone can be affected."
                ),
            },
        ],
        "feedback": (
            "<p>The strategy uses the term VAWG because these kinds of violence and abuse "
            "affect women and girls far more. It also says men, boys and non-binary people "
            "are victims and survivors too, and often find it harder to report abuse. As a "
            "Safe Place, you welcome everyone who asks for help. Source: Southampton "
            "Domestic Abuse and VAWG Strategy 2023–2028.</p>"
        ),
    },
    {
        "type": "multiple",
        "topic": "being-a-safe-place",
        "stem": (
            "<p>A woman comes into your shop. She says she is frightened of a man waiting "
            "outside. What has your organisation committed to do as a Safe Place? Choose all "
            "that apply.</p>"
        ),
        "options": [
            {
                "text": "Welcome her and let her come in",
                "correct": True,
                "feedback": "Correct. Welcoming the person is the first commitment.",
            },
            {
                "text": "Let her wait somewhere safe until she is safe to leave",
                "correct": True,
                "feedback": "Correct. Stay with her, or make sure a colleague does.",
            },
            {
                "text": "Call 999 if she is in immediate danger",
                "correct": True,
                "feedback": "Correct. In an emergency, call 999 straight away.",
            },
            {
                "text": "Go outside and tell the man to leave",
                "correct": False,
                "feedback": (
                    "Never confront the person who caused harm. It could put you and her in "
                    "danger. Call 999 if it is an emergency."
                ),
            },
            {
                "text": "Ask her to leave by the back door so the shop does not get involved",
                "correct": False,
                "feedback": (
                    "This could leave her alone and unsafe. As a Safe Place, you let her "
                    "wait until she is safe."
                ),
            },
        ],
        "feedback": (
            "<p>The Safe Places commitments are: welcome the person, call 999 in an "
            "emergency, let them wait somewhere safe until they are safe, and keep it "
            "confidential. You never have to put yourself in danger. Sources: lesson 2 of "
            "this module; Southampton Domestic Abuse and VAWG Strategy 2023–2028, which "
            "commits to training Safe Places to respond appropriately to VAWG.</p>"
        ),
    },
    {
        "type": "single",
        "topic": "welcoming-someone",
        "stem": (
            "<p>A customer tells you her partner has been hurting her. What is the best "
            "thing to say first?</p>"
        ),
        "options": [
            {
                "text": "“Thank you for telling me. I believe you. What would help right now?”",
                "correct": True,
                "feedback": (
                    "Correct. This shows you believe her and lets her decide what happens next."
                ),
            },
            {
                "text": "“Are you sure? He always seems so nice.”",
                "correct": False,
                "feedback": (
                    "This sounds as if you doubt her. Always start by believing the person."
                ),
            },
            {
                "text": "“Why don’t you just leave him?”",
                "correct": False,
                "feedback": (
                    "Whether to leave is her decision, and questions like this can sound "
                    "like blame."
                ),
            },
            {
                "text": "“Tell me exactly what happened, from the start.”",
                "correct": False,
                "feedback": (
                    "You do not need the details, and asking for them can feel like you want proof."
                ),
            },
        ],
        "feedback": (
            "<p>Believe them, stay calm, offer a quiet place, ask what they need, and do not "
            "ask for proof or details. Advice for anyone who is told about domestic abuse is "
            "to listen, take care not to blame, and let the person make their own decisions. "
            "Sources: Basingstoke and Deane Borough Council; University of Kent Report and "
            "Support (information provided by Refuge).</p>"
        ),
    },
    {
        "type": "matching",
        "topic": "welcoming-someone",
        "stem": "<p>Match each thing <b>not</b> to say with the reason to avoid it.</p>",
        "pairs": [
            ["“Are you sure?”", "It sounds as if you do not believe them"],
            ["“Why didn’t you leave?”", "It can sound as if you blame them"],
            ["“Tell me everything that happened.”", "You do not need the details"],
            ["“I’ll go and have a word with him.”", "It could put you and them in danger"],
            ["“I promise I won’t tell anyone.”", "You may need to call 999 to keep them safe"],
        ],
        "feedback": (
            "<p>Say things like “I believe you”, “It’s not your fault” and “What would help "
            "right now?” instead. Do not push people to talk, do not blame them, and never "
            "confront the person who caused harm. Sources: Basingstoke and Deane Borough "
            "Council; University of Kent Report and Support (information provided by "
            "Refuge).</p>"
        ),
    },
    {
        "type": "single",
        "topic": "welcoming-someone",
        "stem": (
            "<p>At the pharmacy, a woman tells you about abuse at home and asks you not to "
            "tell anyone. What is the best reply?</p>"
        ),
        "options": [
            {
                "text": (
                    "“What you tell me stays private. The only time I would call someone "
                    "without asking you is if I thought you were in immediate danger.”"
                ),
                "correct": True,
                "feedback": (
                    "Correct. This is honest: it keeps her trust and explains the one exception."
                ),
            },
            {
                "text": "“I promise I won’t tell anyone, whatever happens.”",
                "correct": False,
                "feedback": (
                    "You cannot promise this. If she were in immediate danger, you would call 999."
                ),
            },
            {
                "text": "“I have to call the police about this now.”",
                "correct": False,
                "feedback": (
                    "Unless someone is in immediate danger, let her decide whether to "
                    "contact the police. Offer her the support numbers, and follow your "
                    "organisation’s own safeguarding policy."
                ),
            },
            {
                "text": "“I’ll have a quiet word with your husband next time he comes in.”",
                "correct": False,
                "feedback": (
                    "Never approach the person causing harm. It could make things more "
                    "dangerous for her, and for you."
                ),
            },
        ],
        "feedback": (
            "<p>Keeping it confidential is one of the Safe Places commitments, but never "
            "promise to keep a secret if someone is in danger. In an emergency, data "
            "protection law does not stop you sharing what is necessary and proportionate "
            "to prevent serious harm. Sources: Information Commissioner’s Office, data "
            "sharing in an urgent situation or in an emergency; lesson 2 of this module.</p>"
        ),
    },
    {
        "type": "single",
        "topic": "calling-the-police",
        "stem": (
            "<p>At the bus station, a teenage girl tells you a man has just touched her in a "
            "sexual way on the bus. He is standing by the exit, watching her. What should "
            "you do?</p>"
        ),
        "options": [
            {
                "text": "Call 999",
                "correct": True,
                "feedback": (
                    "Correct. It has just happened, the man is nearby and she is "
                    "frightened. This is an emergency."
                ),
            },
            {
                "text": "Call 101 and make a report",
                "correct": False,
                "feedback": (
                    "101 is for non-emergencies. The man is still nearby, so this is an emergency."
                ),
            },
            {
                "text": "Go and ask the man for his side of the story",
                "correct": False,
                "feedback": "Never approach or confront him. Keep her safe and call 999.",
            },
            {
                "text": "Give her the Yellow Door number and let her go",
                "correct": False,
                "feedback": (
                    "Support numbers help later. First she needs to be kept safe and the "
                    "police called."
                ),
            },
        ],
        "feedback": (
            "<p>Call 999 when a crime is happening, someone is in danger or hurt, or the "
            "person who did it is still nearby. Sexual contact without consent is sexual "
            "violence. Sources: Police.uk; Devon and Cornwall Police, contacting the police; "
            "Southampton Domestic Abuse and VAWG Strategy 2023–2028.</p>"
        ),
    },
    {
        "type": "single",
        "topic": "calling-the-police",
        "stem": (
            "<p>A customer tells you she was groped on a night out last weekend. She is safe "
            "now and wants to report it to the police. Which number should she call?</p>"
        ),
        "options": [
            {
                "text": "101",
                "correct": True,
                "feedback": (
                    "Correct. It has already happened and no one is in immediate danger, so "
                    "101 is right."
                ),
            },
            {
                "text": "999",
                "correct": False,
                "feedback": (
                    "999 is for emergencies, such as when someone is in immediate danger or "
                    "the person who did it is nearby."
                ),
            },
            {
                "text": "Yellow Door, 023 8063 6312",
                "correct": False,
                "feedback": (
                    "Yellow Door supports people affected by sexual abuse, and she may want "
                    "its support too. But to report to the police, she would call 101."
                ),
            },
        ],
        "feedback": (
            "<p>101 is the police non-emergency number. Use it when a crime has already "
            "happened and no one is in immediate danger. Whether to report is her choice. "
            "Sources: Police.uk; Devon and Cornwall Police, contacting the police; "
            "Southampton Domestic Abuse and VAWG Strategy 2023–2028 (Yellow Door).</p>"
        ),
    },
    {
        "type": "single",
        "topic": "calling-the-police",
        "stem": (
            "<p>You call 999 from your mobile, but it is not safe to speak. What should you do?</p>"
        ),
        "options": [
            {
                "text": (
                    "Listen to the operator, cough or tap if you can, and press 55 when the "
                    "automated message asks you to"
                ),
                "correct": True,
                "feedback": (
                    "Correct. Pressing 55 when prompted shows the call is a real emergency."
                ),
            },
            {
                "text": "Stay completely silent, because the police always come to silent calls",
                "correct": False,
                "feedback": (
                    "A silent call on its own will not bring help. If you do not respond at "
                    "all, the call may be ended."
                ),
            },
            {
                "text": "Hang up and try again later",
                "correct": False,
                "feedback": (
                    "Stay on the line. The Silent Solution lets you show it is a real "
                    "emergency without speaking."
                ),
            },
            {
                "text": "Press 55 before you dial 999",
                "correct": False,
                "feedback": "Dial 999 first. Press 55 only when the automated message asks.",
            },
        ],
        "feedback": (
            "<p>This is the police Silent Solution. It is always best to speak if you can, "
            "even in a whisper. If making a sound would put you or someone else in danger, "
            "press 55 on a mobile when prompted. If you can say only one thing, say where "
            "you are. Sources: Independent Office for Police Conduct ‘Make Yourself Heard’ "
            "campaign, as reported by BBC Newsround; Isle of Wight Council.</p>"
        ),
    },
    {
        "type": "multiple",
        "topic": "support-notes-and-you",
        "stem": (
            "<p>After helping someone, your manager asks you to write a note. Which of these "
            "are good practice? Choose all that apply.</p>"
        ),
        "options": [
            {
                "text": "Write the date, the time, what you saw and what you did",
                "correct": True,
                "feedback": "Correct. Keep it short and factual.",
            },
            {
                "text": "Stick to facts, not guesses or opinions",
                "correct": True,
                "feedback": "Correct. Only write what you need.",
            },
            {
                "text": "Keep the note somewhere secure, where only the right people can see it",
                "correct": True,
                "feedback": "Correct. Keeping personal information secure is the law.",
            },
            {
                "text": "Post about it in the staff group chat so everyone knows",
                "correct": False,
                "feedback": (
                    "Only share it with people who need to know, such as your manager or "
                    "the police."
                ),
            },
            {
                "text": "Keep a copy on your personal phone, just in case",
                "correct": False,
                "feedback": (
                    "Keep only what you need, where your organisation says. A personal phone "
                    "is not a secure place for notes about someone else."
                ),
            },
        ],
        "feedback": (
            "<p>Data protection law (the UK GDPR and the Data Protection Act 2018) says to "
            "use only the personal information you need, keep it secure, and not keep it "
            "for longer than you need it. Source: Information Commissioner’s Office.</p>"
        ),
    },
    {
        "type": "matching",
        "topic": "support-notes-and-you",
        "stem": "<p>Match each number with what it is for.</p>",
        "pairs": [
            ["999", "Someone is in immediate danger or a crime is happening now"],
            ["101", "Police non-emergency number"],
            ["023 8091 7917", "PIPPA: Southampton’s domestic abuse helpline"],
            ["0808 2000 247", "National Domestic Abuse Helpline: free, 24 hours a day"],
            ["023 8063 6312", "Yellow Door: for sexual abuse"],
        ],
        "feedback": (
            "<p>Keep these numbers where all staff can find them. Sources: Southampton "
            "Domestic Abuse and VAWG Strategy 2023–2028 (999, PIPPA and Yellow Door); "
            "National Domestic Abuse Helpline; Police.uk (101).</p>"
        ),
    },
    {
        "type": "single",
        "topic": "support-notes-and-you",
        "stem": (
            "<p>A few days after helping someone, you keep thinking about what happened and "
            "feel upset. Which of these is true?</p>"
        ),
        "options": [
            {
                "text": (
                    "This is a normal reaction. Talk to your manager, and you can contact a "
                    "support service too."
                ),
                "correct": True,
                "feedback": "Correct. Looking after yourself matters too.",
            },
            {
                "text": "It means you did something wrong",
                "correct": False,
                "feedback": (
                    "Feeling affected is normal. It does not mean you did anything wrong."
                ),
            },
            {
                "text": "You should contact the person to find out what happened next",
                "correct": False,
                "feedback": (
                    "You are not expected to follow up or investigate. You did your part by "
                    "listening and helping them find support."
                ),
            },
            {
                "text": "You must keep it to yourself, because it is confidential",
                "correct": False,
                "feedback": (
                    "You can talk to your manager about how you feel without sharing the "
                    "person’s private details."
                ),
            },
        ],
        "feedback": (
            "<p>Supporting someone through a difficult and emotional time can affect you, so "
            "look after yourself too. You are not expected to be a counsellor or an "
            "investigator. The PIPPA helpline is open to members of the public as well as "
            "professionals. Sources: Futures Housing Group, worrying about someone else; "
            "Southampton Domestic Abuse and VAWG Strategy 2023–2028.</p>"
        ),
    },
]
